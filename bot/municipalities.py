"""The six municipalities of the Keusote area; shared by content, store and dialogue."""

MUNICIPALITIES = ("Hyvinkää", "Järvenpää", "Mäntsälä", "Nurmijärvi", "Pornainen", "Tuusula")
# Content that applies in every municipality (services.yml, general answers, service queries).
ANY_MUNICIPALITY = "kaikki"
# The resident's answer "another municipality" (a slot value of the domain).
OTHER_MUNICIPALITY = "muu"
