"""The six municipalities of the Keusote area; shared by content, store and dialogue."""

MUNICIPALITIES = ("Hyvinkää", "Järvenpää", "Mäntsälä", "Nurmijärvi", "Pornainen", "Tuusula")
OTHER_MUNICIPALITY = "muu"
