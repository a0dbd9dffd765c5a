"""Date and number formats as people in Finland read them, for the languages whose Django defaults do not.

Django looks here first (``FORMAT_MODULE_PATH``) and falls back to its own locale formats, so Finnish keeps
Django's ("2.2.2027", "9.00"). English is written day-first ("2 Feb 2027", "2.2.2027"), never month-first;
Swedish in Finland-Swedish style ("2.2.2027", "kl. 9.00"), not Sweden's ISO dates.
"""
