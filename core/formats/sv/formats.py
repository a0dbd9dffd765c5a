"""Finland-Swedish: "2.2.2027" and "kl. 9.00" (as the Swedish Language Office in Finland recommends), not
Sweden's ISO dates."""

DATE_FORMAT = "j F Y"  # 2 februari 2027
TIME_FORMAT = "G.i"  # 9.00
DATETIME_FORMAT = r"j F Y \k\l. G.i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j.n.Y"  # 2.2.2027
SHORT_DATETIME_FORMAT = "j.n.Y G.i"
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d.%m.%Y %H.%M",
    "%d.%m.%Y %H:%M",
]
TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M", "%H.%M"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space
NUMBER_GROUPING = 3
