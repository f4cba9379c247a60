"""The local web app over a bulk output folder (`summarise serve OUT`): see app.py."""
