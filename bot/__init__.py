"""Asumisen Botti: Finnish housing-advice chatbot."""
