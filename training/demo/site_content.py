"""Content of the demo site pages (Finnish, with Swedish and English translations)."""

from __future__ import annotations

from .blocks import bullets, callout, email_link, heading, link, paragraph

# The home page's invitation to new staff links to the introduction course in each language.
INTRODUCTION_LINKS = {
    "fi": link("/koulutukset/perhekeskus-tutuksi/", "Perhekeskus tutuksi työntekijöille"),
    "sv": link("/sv/utbildningar/bekanta-dig-med-familjecentret/", "Bekanta dig med familjecentret – för anställda"),
    "en": link("/en/training/get-to-know-the-family-centre/", "Get to know the family centre – for staff"),
}

CONTACT_EMAIL = "perhekeskus@pohjoissavo.example"
ACCESSIBILITY_EMAIL = "saavutettavuus@pohjoissavo.example"
PRIVACY_EMAIL = "tietosuoja@pohjoissavo.example"
SUPERVISOR_URL = "https://www.saavutettavuusvaatimukset.fi"
DATA_PROTECTION_URL = "https://tietosuoja.fi"

SITE_SETTINGS = {
    "organisation_name": "Pohjois-Savon hyvinvointialue – perhekeskus",
    "contact_email": CONTACT_EMAIL,
    "footer_text_fi": (
        "<p>Pohjois-Savon perhekeskuksen yhteinen koulutuspalvelu hyvinvointialueen, kuntien, järjestöjen, "
        f"seurakuntien ja Kelan työntekijöille. Kysyttävää? {email_link(CONTACT_EMAIL)}</p>"
    ),
    "footer_text_sv": (
        "<p>Norra Savolax familjecentrets gemensamma utbildningstjänst för anställda inom välfärdsområdet, "
        f"kommunerna, organisationerna, församlingarna och FPA. Frågor? {email_link(CONTACT_EMAIL)}</p>"
    ),
    "footer_text_en": (
        "<p>The joint training service of the Pohjois-Savo family centre for staff of the wellbeing services "
        f"county, municipalities, NGOs, parishes and Kela. Questions? {email_link(CONTACT_EMAIL)}</p>"
    ),
}

HOME = {
    "slug": "perhekeskus",
    "title": "Perhekeskuksen koulutukset",
    "intro": (
        "Pohjois-Savon perhekeskuksen yhteinen koulutuskalenteri hyvinvointialueen, kuntien, järjestöjen, "
        "seurakuntien ja Kelan työntekijöille."
    ),
    "body": [
        heading("Koulutamme yhdessä"),
        paragraph(
            "Perhekeskus on lasten, nuorten ja perheiden palvelujen verkosto. Kun eri ammattiryhmät ja toimijat "
            "kouluttautuvat yhdessä, yhteinen työote vahvistuu ja perhe saa avun oikeaan aikaan.",
            "Koulutuskalenterista löydät Perhekeskus tutuksi -koulutuksen, menetelmäkoulutukset, työpajat, "
            "teemaseminaarit ja verkkokurssit. Samassa palvelussa ilmoittaudut, jonotat, annat palautetta ja "
            "lataat todistuksesi.",
        ),
        callout(
            "Uusi työntekijä?",
            f"Aloita {INTRODUCTION_LINKS['fi']} -koulutuksesta. Se esittelee perhekeskuksen "
            "tehtävät, palveluverkoston ja yhteisen työotteen kolmessa tunnissa.",
        ),
    ],
    "translations": {
        "sv": {
            "slug": "familjecenter",
            "title": "Familjecentrets utbildningar",
            "intro": (
                "Norra Savolax familjecenters gemensamma utbildningskalender för anställda inom välfärdsområdet, "
                "kommunerna, organisationerna, församlingarna och FPA."
            ),
            "body": [
                heading("Vi utbildar oss tillsammans"),
                paragraph(
                    "Familjecentret är ett nätverk av tjänster för barn, unga och familjer. När olika yrkesgrupper "
                    "och aktörer utbildar sig tillsammans stärks det gemensamma arbetssättet och familjen får "
                    "hjälp i rätt tid.",
                    "I utbildningskalendern hittar du introduktionen till familjecentret, metodutbildningar, "
                    "workshoppar, temaseminarier och webbkurser. I samma tjänst anmäler du dig, ställer dig i kö, "
                    "ger respons och laddar ner dina intyg.",
                ),
                callout(
                    "Ny anställd?",
                    "Börja med utbildningen "
                    f"{INTRODUCTION_LINKS['sv']}. "
                    "Den presenterar "
                    "familjecentrets uppgifter, tjänstenätverk och gemensamma arbetssätt på tre timmar.",
                ),
            ],
        },
        "en": {
            "slug": "family-centre",
            "title": "Family centre training",
            "intro": (
                "The joint training calendar of the North Savo family centre for staff of the wellbeing services "
                "county, municipalities, NGOs, parishes and Kela."
            ),
            "body": [
                heading("We train together"),
                paragraph(
                    "The family centre is a network of services for children, young people and families. When "
                    "professional groups and organisations train together, a shared way of working grows and "
                    "families get help at the right time.",
                    "The training calendar lists the introduction to the family centre, method trainings, "
                    "workshops, thematic seminars and e-learning courses. The same service handles enrolment, "
                    "waiting lists, feedback and certificates.",
                ),
                callout(
                    "New to the network?",
                    f"Start with {INTRODUCTION_LINKS['en']}. "
                    "In three hours it introduces the "
                    "tasks of the family centre, its service network and the shared way of working.",
                ),
            ],
        },
    },
}

PROGRAMME = {
    "slug": "koulutukset",
    "title": "Koulutuskalenteri",
    "intro": (
        "Kaikki perhekeskuksen koulutukset yhdessä paikassa. Rajaa koulutuksia lajin, palvelutason tai "
        "ammattiryhmän mukaan tai hae hakusanalla."
    ),
    "show_in_menus": True,
    "translations": {
        "sv": {
            "slug": "utbildningar",
            "title": "Utbildningskalender",
            "intro": (
                "Alla familjecentrets utbildningar på ett ställe. Avgränsa efter typ, servicenivå eller "
                "yrkesgrupp, eller sök med ett sökord."
            ),
        },
        "en": {
            "slug": "training",
            "title": "Training calendar",
            "intro": (
                "All family centre trainings in one place. Filter by kind, service level or professional group, "
                "or search by keyword."
            ),
        },
    },
}

SEVEN_TASKS_FI = (
    "lapsen ja perheen terveyden ja hyvinvoinnin edistäminen ja seuranta",
    "vanhemmuuden ja parisuhteen tukeminen",
    "varhainen tuki, hoito ja kuntoutus",
    "sovinnollinen erovanhemmuus ja jatkuva vanhemmuus",
    "perheiden moninaisuuden huomioiminen",
    "lähisuhde- ja perheväkivallan ehkäisy",
    "kohtaamispaikka, joka mahdollistaa vertaistuen ja vahvistaa yhteisöllisyyttä",
)

ABOUT = {
    "slug": "tietoa-palvelusta",
    "title": "Tietoa palvelusta",
    "intro": (
        "Perhekeskuksen koulutuspalvelu kokoaa verkoston yhteiset koulutukset, osaamiskartoitukset ja palautteet "
        "yhteen paikkaan."
    ),
    "show_in_menus": True,
    "body": [
        heading("Kenelle palvelu on tarkoitettu"),
        paragraph(
            "Palvelu on tarkoitettu kaikille Pohjois-Savon perhekeskusverkoston työntekijöille, esihenkilöille, "
            "kouluttajille ja vapaaehtoisille: hyvinvointialueen, kuntien varhaiskasvatuksen ja nuorisopalvelujen, "
            "järjestöjen, seurakuntien ja Kelan väelle. Yhteinen koulutus eri ammattiryhmille on perhekeskuksen "
            "osaamisen kehittämisen ydin."
        ),
        heading("Perhekeskuksen seitsemän tehtävää"),
        bullets(*(task[0].upper() + task[1:] for task in SEVEN_TASKS_FI)),
        heading("Näin palvelu toimii"),
        bullets(
            "Ilmoittaudu koulutukseen. Jos paikat ovat täynnä, pääset jonoon ja saat paikan vapautuessa viestin.",
            "Osa menetelmäkoulutuksista edellyttää esihenkilön hyväksyntää.",
            "Kouluttaja kirjaa läsnäolon. Suoritetusta koulutuksesta saat todistuksen omalla kielelläsi.",
            "Palaute annetaan nimettömästi, eikä alle viiden vastaajan tuloksia näytetä.",
            "Osaamiskartoituksessa arvioit oman osaamisesi, ja esihenkilö käy tuloksen läpi kanssasi.",
        ),
        heading("Yhteystiedot"),
        paragraph(f"Perhekeskuksen koordinaatio, Pohjois-Savon hyvinvointialue: {email_link(CONTACT_EMAIL)}"),
    ],
    "translations": {
        "sv": {
            "slug": "om-tjansten",
            "title": "Om tjänsten",
            "intro": (
                "Familjecentrets utbildningstjänst samlar nätverkets gemensamma utbildningar, "
                "kompetenskartläggningar och respons på ett ställe."
            ),
            "body": [
                heading("För vem är tjänsten"),
                paragraph(
                    "Tjänsten är avsedd för alla anställda, chefer, utbildare och frivilliga i familjecentrets "
                    "nätverk i Norra Savolax: inom välfärdsområdet, kommunernas småbarnspedagogik och "
                    "ungdomstjänster, organisationerna, församlingarna och FPA. Gemensam utbildning för olika "
                    "yrkesgrupper är kärnan i familjecentrets kompetensutveckling."
                ),
                heading("Så fungerar tjänsten"),
                bullets(
                    "Anmäl dig till en utbildning. Är platserna fulla kommer du i kö och får besked när en plats "
                    "blir ledig.",
                    "En del metodutbildningar kräver chefens godkännande.",
                    "Utbildaren registrerar närvaron. För en genomförd utbildning får du ett intyg på ditt språk.",
                    "Responsen är anonym, och resultat med färre än fem svar visas inte.",
                ),
                heading("Kontaktuppgifter"),
                paragraph(f"Familjecentrets koordinering, Norra Savolax välfärdsområde: {email_link(CONTACT_EMAIL)}"),
            ],
        },
        "en": {
            "slug": "about",
            "title": "About the service",
            "intro": (
                "The family centre training service brings the network's joint trainings, competence surveys and "
                "feedback together in one place."
            ),
            "body": [
                heading("Who the service is for"),
                paragraph(
                    "The service is for all staff, managers, trainers and volunteers of the North Savo family "
                    "centre network: the wellbeing services county, municipal early childhood education and youth "
                    "services, NGOs, parishes and Kela. Training professional groups together is the heart of "
                    "competence development in the family centre."
                ),
                heading("How it works"),
                bullets(
                    "Enrol in a training. When it is full you join the waiting list and are told when a place "
                    "frees up.",
                    "Some method trainings need your manager's approval.",
                    "The trainer records attendance. Completed trainings give a certificate in your language.",
                    "Feedback is anonymous, and results with fewer than five answers are never shown.",
                ),
                heading("Contact"),
                paragraph(
                    f"Family centre coordination, North Savo wellbeing services county: {email_link(CONTACT_EMAIL)}"
                ),
            ],
        },
    },
}

ACCESSIBILITY = {
    "slug": "saavutettavuusseloste",
    "title": "Saavutettavuusseloste",
    "intro": (
        "Tämä saavutettavuusseloste koskee Pohjois-Savon perhekeskuksen koulutuspalvelua. Seloste perustuu lakiin "
        "digitaalisten palvelujen tarjoamisesta (306/2019)."
    ),
    "show_in_menus": False,
    "body": [
        heading("Digitaalisen palvelun saavutettavuuden tila"),
        paragraph(
            "Palvelu täyttää saavutettavuusvaatimukset osittain. Tavoitteena on WCAG 2.1 -ohjeistuksen AA-tason "
            "(standardi EN 301 549) mukaisuus kaikilta osin."
        ),
        heading("Ei-saavutettava sisältö"),
        bullets(
            "Osasta vanhoja koulutusmateriaaleja (PDF) puuttuu rakenne ja kuvien tekstivastineet (WCAG 1.1.1 ja "
            "1.3.1). Korjaamme materiaalit vuoden 2027 loppuun mennessä.",
            "Osasta koulutusten videotallenteita puuttuu tekstitys (WCAG 1.2.2).",
            "Sisällönhallinnan ylläpitonäkymässä on puutteita ruudunlukijakäytössä. Seuraamme korjauksia "
            "ohjelmiston päivityksissä.",
            intro="Tiedossa olevat puutteet:",
        ),
        heading("Selosteen laatiminen"),
        paragraph(
            "Seloste on laadittu 2.11.2026. Arvio perustuu itsearviointiin ja automaattiseen testaukseen. Seloste "
            "päivitetään vähintään kerran vuodessa ja aina, kun palveluun tehdään merkittäviä muutoksia."
        ),
        heading("Palaute ja yhteystiedot"),
        paragraph(
            "Huomasitko saavutettavuuspuutteen? Kerro siitä meille sähköpostilla osoitteeseen "
            f"{email_link(ACCESSIBILITY_EMAIL)}. Vastaamme 14 päivän kuluessa."
        ),
        heading("Valvontaviranomainen"),
        paragraph(
            "Jos et ole tyytyväinen saamaasi vastaukseen tai et saa vastausta kahden viikon kuluessa, voit tehdä "
            "ilmoituksen valvontaviranomaiselle, Lupa- ja valvontavirastoon. Ohjeet ja ilmoituslomake: "
            f"{link(SUPERVISOR_URL, 'saavutettavuusvaatimukset.fi')}."
        ),
    ],
    "translations": {
        "sv": {
            "slug": "tillganglighetsutlatande",
            "title": "Tillgänglighetsutlåtande",
            "intro": (
                "Detta tillgänglighetsutlåtande gäller Norra Savolax familjecenters utbildningstjänst. Utlåtandet "
                "grundar sig på lagen om tillhandahållande av digitala tjänster (306/2019)."
            ),
            "body": [
                heading("Tjänstens tillgänglighet"),
                paragraph(
                    "Tjänsten uppfyller tillgänglighetskraven delvis. Målet är att helt uppfylla nivå AA i WCAG 2.1 "
                    "(standarden EN 301 549)."
                ),
                heading("Innehåll som inte är tillgängligt"),
                bullets(
                    "En del äldre utbildningsmaterial (PDF) saknar struktur och textalternativ till bilder "
                    "(WCAG 1.1.1 och 1.3.1). Vi åtgärdar materialet före utgången av 2027.",
                    "En del videoinspelningar saknar textning (WCAG 1.2.2).",
                    "Administrationsvyn för innehållshantering har brister vid användning med skärmläsare.",
                ),
                heading("Respons och kontaktuppgifter"),
                paragraph(
                    "Har du upptäckt en tillgänglighetsbrist? Meddela oss per e-post till "
                    f"{email_link(ACCESSIBILITY_EMAIL)}. Vi svarar inom 14 dagar."
                ),
                heading("Tillsynsmyndighet"),
                paragraph(
                    "Om du inte är nöjd med svaret eller inte får svar inom två veckor kan du anmäla saken till "
                    "tillsynsmyndigheten, Tillstånds- och tillsynsverket. Anvisningar: "
                    f"{link(SUPERVISOR_URL, 'saavutettavuusvaatimukset.fi')}."
                ),
            ],
        },
        "en": {
            "slug": "accessibility-statement",
            "title": "Accessibility statement",
            "intro": (
                "This accessibility statement covers the training service of the North Savo family centre. It is "
                "based on the Act on the Provision of Digital Services (306/2019)."
            ),
            "body": [
                heading("Compliance status"),
                paragraph(
                    "The service partially meets the accessibility requirements. Our goal is full conformance with "
                    "WCAG 2.1 level AA (standard EN 301 549)."
                ),
                heading("Non-accessible content"),
                bullets(
                    "Some older training materials (PDF) lack structure and text alternatives for images "
                    "(WCAG 1.1.1 and 1.3.1). We will fix them by the end of 2027.",
                    "Some training video recordings lack captions (WCAG 1.2.2).",
                    "The content management admin has shortcomings with screen readers.",
                ),
                heading("Feedback and contact"),
                paragraph(
                    "Noticed an accessibility problem? Tell us by email at "
                    f"{email_link(ACCESSIBILITY_EMAIL)}. We reply within 14 days."
                ),
                heading("Supervisory authority"),
                paragraph(
                    "If you are not satisfied with our reply, or get none within two weeks, you can notify the "
                    "supervisory authority, the Finnish Supervisory Agency (Lupa- ja valvontavirasto). "
                    f"Instructions: {link(SUPERVISOR_URL, 'saavutettavuusvaatimukset.fi')}."
                ),
            ],
        },
    },
}

PRIVACY = {
    "slug": "tietosuojaseloste",
    "title": "Tietosuojaseloste",
    "intro": (
        "Tässä selosteessa kerrotaan, miten perhekeskuksen koulutuspalvelu käsittelee henkilötietoja "
        "EU:n tietosuoja-asetuksen (2016/679) artiklojen 13 ja 14 mukaisesti."
    ),
    "show_in_menus": False,
    "body": [
        heading("Rekisterinpitäjä"),
        paragraph(
            f"Pohjois-Savon hyvinvointialue, perhekeskuksen koordinaatio. Yhteydenotot: {email_link(CONTACT_EMAIL)}. "
            f"Tietosuojavastaava: {email_link(PRIVACY_EMAIL)}."
        ),
        heading("Käsittelyn tarkoitukset ja oikeusperuste"),
        bullets(
            "koulutusten järjestäminen: ilmoittautumiset, jonot, esihenkilön hyväksynnät ja tiedotus",
            "läsnäolon ja suoritusten kirjaaminen sekä todistukset",
            "osaamiskartoitukset ja kehityskeskustelujen tuki",
            "tilastointi ja koulutusten suunnittelu ilman henkilöiden tunnistamista",
            intro=(
                "Käsittely perustuu rekisterinpitäjän lakisääteisiin tehtäviin ja yleisen edun mukaiseen tehtävään "
                "(tietosuoja-asetuksen 6 artiklan 1 kohdan c ja e alakohta). Työelämässä noudatetaan lisäksi "
                "tietosuojalakia (1050/2018) ja lakia yksityisyyden suojasta työelämässä (759/2004). Tietoja "
                "käsitellään seuraaviin tarkoituksiin:"
            ),
        ),
        heading("Käsiteltävät tiedot ja tietolähteet"),
        bullets(
            "nimi, sähköpostiosoite ja asiointikieli",
            "organisaatio, yksikkö, ammattiryhmä ja palvelutaso",
            "ilmoittautumiset, jonotiedot, läsnäolot, suoritukset ja todistukset",
            "osaamisen itsearviot",
            "kirjautumis- ja tietoturvalokit",
            intro=(
                "Tiedot saadaan henkilöltä itseltään, työnantajan käyttäjähakemistosta kirjautumisen yhteydessä, "
                "esihenkilöltä ja kouluttajilta. Koulutuspalautteet kerätään nimettöminä."
            ),
        ),
        heading("Tietojen luovutukset ja siirrot"),
        paragraph(
            "Esihenkilö näkee oman yksikkönsä työntekijöiden koulutukset ja osaamistiedot, ja kouluttaja näkee "
            "koulutuksensa osallistujat. Tietoja ei luovuteta muille eikä siirretä EU:n tai ETA-alueen "
            "ulkopuolelle. Tilastoissa ei näytetä alle viiden henkilön ryhmiä."
        ),
        heading("Säilytysajat"),
        paragraph(
            "Kun työ- tai vapaaehtoissuhde päättyy, käyttäjätili suljetaan ja tulevat ilmoittautumiset perutaan. "
            "Henkilötiedot poistetaan, kun tili on ollut suljettuna ja käyttämättä 24 kuukautta: nimi, "
            "yhteystiedot, kirjautumistiedot ja liitetiedostot poistetaan, todistukset voi yhä tarkistaa "
            "myönnetyiksi ilman haltijan nimeä, ja tilastot säilyvät muuttumattomina ja anonyymeinä. Lokit "
            "säilytetään vuoden."
        ),
        heading("Rekisteröidyn oikeudet"),
        paragraph(
            "Sinulla on oikeus saada pääsy tietoihisi: voit ladata kaikki sinusta tallennetut tiedot ZIP-tiedostona "
            "omalta sivultasi (Omat tietoni) tai rajapinnasta. Voit myös oikaista tietosi, pyytää niiden "
            "poistamista siltä osin kuin laki sallii (ylläpitäjä poistaa ne, tilastoja muuttamatta), rajoittaa "
            "käsittelyä ja vastustaa sitä. Voit tehdä "
            "valituksen tietosuojavaltuutetun toimistolle: "
            f"{link(DATA_PROTECTION_URL, 'tietosuoja.fi')}."
        ),
    ],
    "translations": {
        "sv": {
            "slug": "dataskyddsbeskrivning",
            "title": "Dataskyddsbeskrivning",
            "intro": (
                "Här beskrivs hur familjecentrets utbildningstjänst behandlar personuppgifter enligt artiklarna "
                "13 och 14 i EU:s dataskyddsförordning (2016/679)."
            ),
            "body": [
                heading("Personuppgiftsansvarig"),
                paragraph(
                    f"Norra Savolax välfärdsområde, familjecentrets koordinering: {email_link(CONTACT_EMAIL)}. "
                    f"Dataskyddsombud: {email_link(PRIVACY_EMAIL)}."
                ),
                heading("Ändamål och rättslig grund"),
                paragraph(
                    "Uppgifterna behandlas för att ordna utbildningar, registrera närvaro och prestationer, utfärda "
                    "intyg, kartlägga kompetens och sammanställa statistik. Behandlingen grundar sig på lagstadgade "
                    "uppgifter och uppgifter av allmänt intresse (artikel 6.1 c och e), dataskyddslagen (1050/2018) "
                    "och lagen om integritetsskydd i arbetslivet (759/2004)."
                ),
                heading("Uppgifter, lagringstider och dina rättigheter"),
                paragraph(
                    "Vi behandlar namn, e-post, språk, organisation, enhet, yrkesgrupp, anmälningar, närvaro, intyg "
                    "och självvärderingar. Respons samlas in anonymt. När anställningen upphör stängs kontot och "
                    "kommande anmälningar annulleras. Personuppgifterna raderas när kontot har varit stängt och "
                    "oanvänt i 24 månader; intygen kan fortfarande kontrolleras som utfärdade, utan innehavarens "
                    "namn, och statistiken förblir oförändrad och anonym.",
                    "Du har rätt att få tillgång till dina uppgifter: du kan ladda ner allt som finns sparat om dig "
                    "som en ZIP-fil på din egen sida (Mina uppgifter) eller via gränssnittet. Du kan också rätta "
                    "dem, begära radering (administratören raderar dem utan att statistiken ändras), begränsa "
                    "behandlingen och invända mot den. Klagomål kan lämnas till dataombudsmannens byrå: "
                    f"{link(DATA_PROTECTION_URL, 'tietosuoja.fi')}.",
                ),
            ],
        },
        "en": {
            "slug": "privacy-notice",
            "title": "Privacy notice",
            "intro": (
                "This notice explains how the family centre training service processes personal data under "
                "Articles 13 and 14 of the EU General Data Protection Regulation (2016/679)."
            ),
            "body": [
                heading("Controller"),
                paragraph(
                    f"North Savo wellbeing services county, family centre coordination: {email_link(CONTACT_EMAIL)}. "
                    f"Data protection officer: {email_link(PRIVACY_EMAIL)}."
                ),
                heading("Purposes and legal basis"),
                paragraph(
                    "We process data to organise trainings, record attendance and completion, issue certificates, "
                    "survey competences and produce statistics. The legal basis is our statutory tasks and tasks in "
                    "the public interest (Article 6(1)(c) and (e)), the Data Protection Act (1050/2018) and the Act "
                    "on the Protection of Privacy in Working Life (759/2004)."
                ),
                heading("Data, retention and your rights"),
                paragraph(
                    "We process name, email, language, organisation, unit, professional group, enrolments, "
                    "attendance, certificates and self-assessments. Feedback is collected anonymously. When the "
                    "employment ends, the account is closed and future enrolments are cancelled. The personal data "
                    "is erased once the account has been closed and unused for 24 months: certificates can still be "
                    "verified as issued, without the holder's name, and the statistics stay the same and anonymous.",
                    "You have the right to access your data: you can download everything held about you as a ZIP "
                    "file from your own page (My data) or through the API. You can also rectify it and, where the "
                    "law allows, have it erased (an administrator erases it without changing the statistics), and "
                    "restrict or object to processing. You can complain to the Office of the Data Protection "
                    f"Ombudsman: {link(DATA_PROTECTION_URL, 'tietosuoja.fi')}.",
                ),
            ],
        },
    },
}

STANDARD_PAGES = (ABOUT, ACCESSIBILITY, PRIVACY)
