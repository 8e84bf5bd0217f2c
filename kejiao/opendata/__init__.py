"""Open data: the catalogue as a Frictionless data package, and spreadsheets both ways."""
