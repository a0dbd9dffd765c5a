"""Name lists for the generated demo staff (common Finnish, Finland-Swedish and international names)."""

from __future__ import annotations

import unicodedata

FINNISH_FIRST_NAMES_FEMALE = (
    "Aino", "Anna", "Anne", "Anni", "Anu", "Eeva", "Elina", "Emilia", "Emma", "Hanna", "Heidi", "Heli",
    "Helena", "Henna", "Iida", "Jaana", "Jenni", "Johanna", "Jonna", "Kaisa", "Katja", "Kati", "Katri",
    "Kirsi", "Krista", "Laura", "Leena", "Liisa", "Maarit", "Maija", "Marika", "Marja", "Marjo", "Merja",
    "Mervi", "Minna", "Mira", "Niina", "Noora", "Outi", "Paula", "Piia", "Pirjo", "Päivi", "Reetta",
    "Riikka", "Riitta", "Sanna", "Sari", "Satu", "Suvi", "Susanna", "Taru", "Terhi", "Tiina", "Tuija",
    "Tuula", "Ulla", "Veera", "Virpi", "Anna-Liisa", "Marja-Leena", "Sini", "Jenna", "Milla", "Elisa",
)  # fmt: skip

FINNISH_FIRST_NAMES_MALE = (
    "Antti", "Ari", "Eero", "Heikki", "Janne", "Jari", "Jussi", "Juha", "Jukka", "Kalle", "Lauri",
    "Markku", "Matti", "Mikko", "Olli", "Pekka", "Petri", "Sami", "Teemu", "Timo", "Tuomas", "Ville",
)  # fmt: skip

# Savo is rich in -nen names; these are among the most common ones of the region.
FINNISH_LAST_NAMES = (
    "Ahonen", "Hartikainen", "Happonen", "Heikkinen", "Heiskanen", "Hiltunen", "Hirvonen", "Holopainen",
    "Huttunen", "Hyvönen", "Hämäläinen", "Immonen", "Jauhiainen", "Julkunen", "Juutilainen",
    "Jääskeläinen", "Karhunen", "Karvonen", "Kauppinen", "Kettunen", "Kiiskinen", "Kinnunen",
    "Kokkonen", "Kolehmainen", "Koponen", "Korhonen", "Kumpulainen", "Kuosmanen", "Kärkkäinen",
    "Könönen", "Laakkonen", "Laitinen", "Lappalainen", "Lehtonen", "Leskinen", "Lyytikäinen",
    "Makkonen", "Markkanen", "Miettinen", "Mustonen", "Mönkkönen", "Nissinen", "Nykänen", "Oksanen",
    "Partanen", "Pasanen", "Pennanen", "Pesonen", "Pirinen", "Pitkänen", "Puustinen", "Rautiainen",
    "Rissanen", "Ruotsalainen", "Ruuskanen", "Ryynänen", "Räsänen", "Rönkkö", "Savolainen", "Sutinen",
    "Tiihonen", "Tikkanen", "Toivanen", "Tolvanen", "Tuovinen", "Turunen", "Venäläinen", "Väisänen",
    "Väätäinen",
)  # fmt: skip

SWEDISH_FIRST_NAMES = (
    "Annika", "Camilla", "Ebba", "Emma", "Ida", "Johanna", "Linnea", "Matilda", "Sofia", "Fredrik",
    "Johan", "Jonas", "Mikael",
)  # fmt: skip
SWEDISH_LAST_NAMES = (
    "Backman", "Björklund", "Ekman", "Enqvist", "Forsman", "Grönroos", "Holmberg", "Lindholm",
    "Lindqvist", "Nyström", "Sundström", "Wikström",
)  # fmt: skip

INTERNATIONAL_FIRST_NAMES = (
    "Ahmed", "Amina", "Anastasia", "Daniel", "David", "Elena", "Fatima", "Grace", "Maria", "Olga",
    "Priya", "Sarah",
)  # fmt: skip
INTERNATIONAL_LAST_NAMES = (
    "Ali", "Garcia", "Haddad", "Ivanova", "Kowalski", "Mensah", "Nguyen", "Novak", "Okafor", "Petrova",
    "Rossi", "Smith",
)  # fmt: skip


def email_local_part(first_name: str, last_name: str) -> str:
    """``firstname.lastname`` in lower-case ASCII: "Päivi Kärkkäinen" → "paivi.karkkainen"."""

    def fold(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text.lower())
        return "".join(char for char in decomposed if char.isascii() and (char.isalnum() or char == "-"))

    return f"{fold(first_name)}.{fold(last_name)}"
