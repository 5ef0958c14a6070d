# GOV.UK style dates for the site's "en-gb": "25 November 2026".
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j F Y"
