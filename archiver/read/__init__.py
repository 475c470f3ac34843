"""Reading the archive for people: search, show, export and Datasette metadata."""
