# GOV.UK style dates for the site's "en-gb": "25 November 2026, 2:05pm".
# Django's own en_GB abbreviates months ("25 Nov 2026") and writes "2:05 p.m.";
# the "am" and "pm" come from insight/locale (Django's "a" format is translated).
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j F Y"
TIME_FORMAT = "g:ia"
DATETIME_FORMAT = "j F Y, g:ia"
SHORT_DATETIME_FORMAT = "j F Y, g:ia"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
