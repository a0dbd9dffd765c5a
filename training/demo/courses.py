"""The demo training programme: the introduction course, method trainings, workshops, seminars
and an e-learning course, modelled on the Pohjois-Savo family-centre project."""

from __future__ import annotations

from dataclasses import dataclass, field

from people.models import ServiceLevel
from training.models import CourseKind

from .blocks import bullets, callout, heading, paragraph
from .network import COUNTY, ENSIKOTI, KUOPIO_PARISH, MLL, SETLEMENTTI

ALL_GROUPS = "__all__"
BASIC, SPECIAL = ServiceLevel.BASIC, ServiceLevel.SPECIAL


@dataclass(frozen=True)
class CourseSpec:
    title: str
    slug: str
    kind: str
    level: str
    hours: float
    summary: str
    outcomes: tuple[str, ...]
    groups: tuple[str, ...] | str
    organiser: str
    body: list = field(default_factory=list)
    requires_manager_approval: bool = False
    issues_certificate: bool = True
    certificate_issuing: str = "automatic"
    certificate_validity_months: int | None = None
    completion_rule: str = "all_days"
    completion_share: int = 80
    # language code → title, slug, summary, outcomes, body
    translations: dict = field(default_factory=dict)


def _body(contents: tuple[str, ...], delivery: str, extra: dict | None = None) -> list:
    body = [heading("Sisältö"), bullets(*contents), heading("Toteutus"), paragraph(delivery)]
    return [*body, extra] if extra else body


INTRODUCTION = CourseSpec(
    title="Perhekeskus tutuksi työntekijöille",
    slug="perhekeskus-tutuksi",
    kind=CourseKind.COURSE,
    level=BASIC,
    hours=3,
    summary=(
        "Perehdytys koko perhekeskusverkoston työntekijöille: perhekeskuksen tehtävät, palveluverkosto, yhteinen "
        "työote ja palvelulupaus."
    ),
    outcomes=(
        "Tunnen perhekeskuksen seitsemän tehtävää ja oman roolini niissä.",
        "Tunnen alueeni perhekeskuksen palveluverkoston: hyvinvointialueen, kunnan, järjestöjen, seurakuntien ja "
        "Kelan palvelut.",
        "Osaan ohjata perheen oikeaan palveluun ja konsultoida toista ammattilaista.",
        "Tunnistan lapsi- ja perhelähtöisen sekä voimavaroja vahvistavan työotteen periaatteet.",
    ),
    groups=ALL_GROUPS,
    organiser=COUNTY,
    body=_body(
        (
            "perhekeskusmalli ja kansalliset linjaukset",
            "Pohjois-Savon perhekeskuksen palvelut ja kohtaamispaikat",
            "palvelulupaus ja yhteinen työote: puheeksiotto, monialainen tiimityö ja vastuutyöntekijä",
            "sähköinen perhekeskus",
        ),
        "Kolmen tunnin koulutus lähi- tai etätoteutuksena. Koulutus on tarkoitettu kaikille verkoston "
        "työntekijöille ammattiryhmästä ja organisaatiosta riippumatta.",
    ),
    translations={
        "sv": {
            "title": "Bekanta dig med familjecentret – för anställda",
            "slug": "bekanta-dig-med-familjecentret",
            "summary": (
                "Introduktion för alla anställda i familjecentrets nätverk: familjecentrets uppgifter, "
                "tjänstenätverket, det gemensamma arbetssättet och servicelöftet."
            ),
            "outcomes": (
                "Jag känner till familjecentrets sju uppgifter och min roll i dem.",
                "Jag känner till familjecentrets tjänstenätverk i mitt område: välfärdsområdets, kommunens, "
                "organisationernas, församlingarnas och FPA:s tjänster.",
                "Jag kan hänvisa en familj till rätt tjänst och konsultera andra yrkespersoner.",
                "Jag känner igen principerna för ett barn- och familjeorienterat arbetssätt som stärker familjens "
                "resurser.",
            ),
            "body": [
                heading("Innehåll"),
                bullets(
                    "familjecentermodellen och de nationella riktlinjerna",
                    "familjecentrets tjänster och mötesplatser i Norra Savolax",
                    "servicelöftet och det gemensamma arbetssättet",
                ),
                heading("Genomförande"),
                paragraph("En utbildning på tre timmar, på plats eller på distans."),
            ],
        },
        "en": {
            "title": "Get to know the family centre – for staff",
            "slug": "get-to-know-the-family-centre",
            "summary": (
                "An introduction for all staff of the family centre network: its tasks, the service network, the "
                "shared way of working and the service promise."
            ),
            "outcomes": (
                "I know the seven tasks of the family centre and my role in them.",
                "I know my area's family centre network: the services of the wellbeing services county, the "
                "municipality, NGOs, parishes and Kela.",
                "I can guide a family to the right service and consult other professionals.",
                "I recognise the principles of child- and family-centred practice that builds on families' strengths.",
            ),
            "body": [
                heading("Content"),
                bullets(
                    "the family centre model and the national guidelines",
                    "the services and meeting places of the North Savo family centre",
                    "the service promise and the shared way of working",
                ),
                heading("Delivery"),
                paragraph("A three-hour training, on site or online."),
            ],
        },
    },
)

LETS_TALK = CourseSpec(
    title="Lapset puheeksi -menetelmäkoulutus",
    slug="lapset-puheeksi",
    kind=CourseKind.METHOD_TRAINING,
    level=BASIC,
    hours=14,
    summary=(
        "Lapset puheeksi -keskustelu ja -neuvonpito vanhempien kanssa lapsen arjen vahvuuksista ja "
        "haavoittuvuuksista. Menetelmää saavat käyttää vain koulutetut työntekijät."
    ),
    outcomes=(
        "Osaan käydä Lapset puheeksi -keskustelun vanhemman kanssa.",
        "Osaan kartoittaa lapsen arjen vahvuudet ja haavoittuvuudet yhdessä perheen kanssa.",
        "Tiedän, milloin kutsutaan koolle Lapset puheeksi -neuvonpito.",
    ),
    groups=(
        "terveydenhoitaja",
        "perhetyontekija",
        "sosiaaliohjaaja",
        "varhaiskasvatuksen-opettaja",
        "koulukuraattori",
        "psykologi",
        "psykiatrinen-sairaanhoitaja",
        "perheneuvoja",
    ),
    organiser=COUNTY,
    body=_body(
        ("menetelmän tausta ja periaatteet", "keskustelun harjoittelu", "neuvonpidon kulku", "dokumentointi"),
        "Kaksi koulutuspäivää ja niiden jälkeen menetelmäohjaus, jossa käydään läpi omia keskusteluja. "
        "Todistus annetaan, kun koulutuspäivät ja menetelmäohjaus on suoritettu.",
        callout("Huomioi", "Menetelmää saavat käyttää vain koulutuksen suorittaneet työntekijät."),
    ),
    translations={
        "sv": {
            "title": "Lapset puheeksi – metodutbildning i samtal om barnen",
            "slug": "lapset-puheeksi-samtal-om-barnen",
            "summary": (
                "Samtal och nätverksmöte med föräldrar om styrkor och sårbarheter i barnets vardag. Endast "
                "utbildade anställda får använda metoden."
            ),
            "outcomes": (
                "Jag kan föra ett Lapset puheeksi-samtal med en förälder.",
                "Jag kan tillsammans med familjen kartlägga styrkor och sårbarheter i barnets vardag.",
                "Jag vet när ett Lapset puheeksi-nätverksmöte ska sammankallas.",
            ),
            "body": [
                heading("Genomförande"),
                paragraph("Två utbildningsdagar och därefter metodhandledning."),
            ],
        },
        "en": {
            "title": "Let's Talk about Children – method training",
            "slug": "lets-talk-about-children",
            "summary": (
                "A discussion and network meeting with parents about the strengths and vulnerabilities in the "
                "child's everyday life. Only trained staff may use the method."
            ),
            "outcomes": (
                "I can hold a Let's Talk discussion with a parent.",
                "I can map the strengths and vulnerabilities of the child's everyday life together with the family.",
                "I know when to call a Let's Talk network meeting.",
            ),
            "body": [
                heading("Delivery"),
                paragraph("Two training days followed by method supervision."),
            ],
        },
    },
)

INCREDIBLE_YEARS = CourseSpec(
    title="Ihmeelliset vuodet – ryhmänohjaajakoulutus",
    slug="ihmeelliset-vuodet",
    kind=CourseKind.METHOD_TRAINING,
    level=SPECIAL,
    hours=21,
    summary=(
        "Kolmen päivän koulutus Ihmeelliset vuodet -vanhempainryhmien ohjaajiksi. Ohjaajan sertifiointi "
        "edellyttää ryhmän ohjaamista ja työnohjausta koulutuksen jälkeen."
    ),
    outcomes=(
        "Osaan ohjata Ihmeelliset vuodet -vanhempainryhmää työparin kanssa.",
        "Osaan tukea vanhempia myönteisessä vuorovaikutuksessa ja johdonmukaisessa rajojen asettamisessa.",
        "Tunnen sertifioinnin vaiheet.",
    ),
    groups=(
        "psykologi",
        "perheneuvoja",
        "perhetyontekija",
        "sosiaaliohjaaja",
        "erityisopettaja",
        "psykiatrinen-sairaanhoitaja",
        "terveydenhoitaja",
    ),
    organiser=COUNTY,
    requires_manager_approval=True,
    body=_body(
        ("ohjelman teoreettinen tausta", "ryhmäkertojen rakenne ja videovinjetit", "ohjaajan roolit ja työpari"),
        "Kolme koulutuspäivää. Sertifiointi jatkuu ryhmän ohjaamisella ja videoidulla työnohjauksella. "
        "Koulutus vaatii esihenkilön hyväksynnän, koska ohjaaja sitoutuu ryhmän vetämiseen.",
    ),
    completion_rule="share_of_hours",
    completion_share=80,
    translations={
        "sv": {
            "title": "De otroliga åren – utbildning för gruppledare",
            "slug": "de-otroliga-aren",
            "summary": (
                "En tredagarsutbildning för ledare av föräldragrupper i De otroliga åren. Certifieringen kräver "
                "att man leder en grupp och får handledning efter utbildningen."
            ),
            "outcomes": (
                "Jag kan leda en föräldragrupp i De otroliga åren tillsammans med en arbetspartner.",
                "Jag kan stödja föräldrarna i ett positivt samspel och i att sätta gränser konsekvent.",
                "Jag känner till stegen i certifieringen.",
            ),
            "body": [
                heading("Genomförande"),
                paragraph("Tre utbildningsdagar. Utbildningen kräver chefens godkännande."),
            ],
        },
        "en": {
            "title": "Incredible Years – group leader training",
            "slug": "incredible-years",
            "summary": (
                "A three-day training for leaders of Incredible Years parent groups. Certification requires "
                "leading a group and supervision after the training."
            ),
            "outcomes": (
                "I can lead an Incredible Years parent group together with a co-leader.",
                "I can support parents in positive interaction and in setting limits consistently.",
                "I know the steps of certification.",
            ),
            "body": [
                heading("Delivery"),
                paragraph("Three training days. The training needs your manager's approval."),
            ],
        },
    },
)

MARAK = CourseSpec(
    title="MARAK – monialainen riskinarviointi",
    slug="marak",
    kind=CourseKind.METHOD_TRAINING,
    level=SPECIAL,
    hours=7,
    summary=(
        "Monialainen riskinarviointi vakavaa lähisuhdeväkivaltaa kokevan auttamiseksi: riskinarviointilomake, "
        "MARAK-työryhmän toiminta ja turvasuunnitelma."
    ),
    outcomes=(
        "Osaan tehdä riskinarvioinnin lomakkeen avulla.",
        "Tiedän, miten asiakas ohjataan MARAK-työryhmään.",
        "Osaan laatia turvasuunnitelman yhdessä asiakkaan kanssa.",
    ),
    groups=(
        "sosiaalityontekija",
        "sosiaaliohjaaja",
        "terveydenhoitaja",
        "katilo",
        "psykologi",
        "perheneuvoja",
        "psykiatrinen-sairaanhoitaja",
        "laakari",
    ),
    organiser=ENSIKOTI,
    body=_body(
        ("lähisuhdeväkivallan riskitekijät", "riskinarviointilomakkeen käyttö", "MARAK-kokouksen kulku"),
        "Yhden päivän koulutus. Koulutus on tarkoitettu erityisesti niille, jotka osallistuvat MARAK-työryhmään.",
    ),
    certificate_issuing="organiser",
    certificate_validity_months=36,
    translations={
        "sv": {
            "title": "MARAK – multiprofessionell riskbedömning",
            "slug": "marak-riskbedomning",
            "summary": (
                "Multiprofessionell riskbedömning för att hjälpa den som utsätts för allvarligt våld i nära "
                "relationer: bedömningsblanketten, MARAK-gruppens arbete och säkerhetsplanen."
            ),
            "outcomes": (
                "Jag kan göra en riskbedömning med hjälp av blanketten.",
                "Jag vet hur klienten hänvisas till MARAK-arbetsgruppen.",
                "Jag kan göra upp en säkerhetsplan tillsammans med klienten.",
            ),
            "body": [heading("Genomförande"), paragraph("En utbildningsdag.")],
        },
        "en": {
            "title": "MARAC – multi-agency risk assessment",
            "slug": "marac-risk-assessment",
            "summary": (
                "Multi-agency risk assessment to help victims of severe intimate-partner violence: the risk "
                "assessment form, the MARAC group and the safety plan."
            ),
            "outcomes": (
                "I can carry out a risk assessment with the form.",
                "I know how to refer a client to the MARAK working group.",
                "I can draw up a safety plan together with the client.",
            ),
            "body": [heading("Delivery"), paragraph("One training day.")],
        },
    },
)

COURSES: tuple[CourseSpec, ...] = (
    INTRODUCTION,
    LETS_TALK,
    INCREDIBLE_YEARS,
    CourseSpec(
        title="Vahvuutta vanhemmuuteen – ryhmänohjaajakoulutus",
        slug="vahvuutta-vanhemmuuteen",
        kind=CourseKind.METHOD_TRAINING,
        level=BASIC,
        hours=42,
        summary=(
            "Vertaisryhmämalli ensimmäistä lastaan odottaville ja vauvaperheille. Neljä peruskoulutuspäivää, sen "
            "jälkeen oman ryhmän ohjaaminen ja kolme syventävää päivää."
        ),
        outcomes=(
            "Osaan ohjata Vahvuutta vanhemmuuteen -ryhmää.",
            "Osaan tukea vanhemman mentalisaatiokykyä ja vauvan ja vanhemman vuorovaikutusta.",
        ),
        groups=("terveydenhoitaja", "katilo", "perhetyontekija", "jarjestotyontekija", "seurakunnan-perhetyontekija"),
        organiser=MLL,
        requires_manager_approval=True,
        body=_body(
            ("mentalisaatio ja vanhemmuus", "ryhmän ohjaaminen", "ryhmäkertojen teemat"),
            "Neljä peruskoulutuspäivää, oman ryhmän ohjaaminen työparin kanssa ja kolme syventävää päivää.",
        ),
    ),
    CourseSpec(
        title="Neuvokas perhe -menetelmäkoulutus",
        slug="neuvokas-perhe",
        kind=CourseKind.METHOD_TRAINING,
        level=BASIC,
        hours=6,
        summary=(
            "Ohjausmenetelmä, jolla tuetaan perheen terveellisiä elintapoja: ruokailua, liikkumista, unta ja "
            "ruutuaikaa. Yksi koulutuspäivä ja myöhemmin täydennyskoulutus."
        ),
        outcomes=(
            "Osaan käyttää Neuvokas perhe -kortteja ja -materiaaleja perheen kanssa.",
            "Osaan ottaa elintavat puheeksi voimavaroja vahvistavasti.",
        ),
        groups=(
            "terveydenhoitaja",
            "ravitsemusterapeutti",
            "fysioterapeutti",
            "varhaiskasvatuksen-opettaja",
            "lastenhoitaja",
            "suuhygienisti",
            "perhetyontekija",
            "laakari",
        ),
        organiser=COUNTY,
        body=_body(
            ("elintapaohjauksen periaatteet", "menetelmän materiaalit", "ohjauskeskustelun harjoittelu"),
            "Yksi koulutuspäivä. Menetelmäosaaminen päivitetään täydennyskoulutuksessa kahden vuoden välein.",
        ),
    ),
    MARAK,
    CourseSpec(
        title="Väkivallan puheeksiotto",
        slug="vakivallan-puheeksiotto",
        kind=CourseKind.METHOD_TRAINING,
        level=BASIC,
        hours=4,
        summary=(
            "Lähisuhde- ja perheväkivallan tunnistaminen ja puheeksiotto osana jokaisen perhekeskuksen "
            "työntekijän perustyötä."
        ),
        outcomes=(
            "Osaan kysyä väkivallasta rutiininomaisesti ja turvallisesti.",
            "Tiedän, mihin ohjaan väkivaltaa kokeneen, tekijän ja lapsen.",
        ),
        groups=(
            "terveydenhoitaja",
            "katilo",
            "perhetyontekija",
            "varhaiskasvatuksen-opettaja",
            "koulukuraattori",
            "nuorisotyontekija",
            "sosiaaliohjaaja",
            "seurakunnan-perhetyontekija",
            "jarjestotyontekija",
        ),
        organiser=ENSIKOTI,
        body=_body(
            (
                "väkivallan muodot ja vaikutukset lapseen",
                "kysymisen käytännöt",
                "palveluohjaus ja lastensuojeluilmoitus",
            ),
            "Puolen päivän koulutus, joka sopii kaikille ammattiryhmille.",
        ),
    ),
    CourseSpec(
        title="Eroauttaminen – lapsen etu erotilanteessa",
        slug="eroauttaminen",
        kind=CourseKind.METHOD_TRAINING,
        level=BASIC,
        hours=12,
        summary=(
            "Sovinnollisen eron ja jatkuvan vanhemmuuden tukeminen: eroneuvonta, lapsen kuuleminen ja "
            "perheasioiden sovittelu."
        ),
        outcomes=(
            "Osaan tukea vanhempia sopimaan lapsen asioista erotilanteessa.",
            "Osaan tuoda lapsen näkökulman esiin eroneuvonnassa.",
        ),
        groups=(
            "lastenvalvoja",
            "perheneuvoja",
            "sosiaalityontekija",
            "perhetyontekija",
            "perheterapeutti",
            "seurakunnan-perhetyontekija",
            "jarjestotyontekija",
        ),
        organiser=KUOPIO_PARISH,
        body=_body(
            ("eron vaiheet ja lapsen kokemus", "eroneuvonnan menetelmät", "sovittelu ja lastenvalvojan palvelut"),
            "Kaksi koulutuspäivää. Kouluttajina perheasiain neuvottelukeskuksen ja lastenvalvojien asiantuntijat.",
        ),
    ),
    CourseSpec(
        title="Systeeminen työote lapsiperheiden palveluissa",
        slug="systeeminen-tyoote",
        kind=CourseKind.METHOD_TRAINING,
        level=SPECIAL,
        hours=35,
        summary=(
            "Systeeminen työote ja tiimimalli lapsiperheiden sosiaalityössä ja perhetyössä: perheen "
            "vuorovaikutussuhteet, hypoteesit ja reflektiivinen tiimi."
        ),
        outcomes=(
            "Osaan tarkastella perheen tilannetta systeemisesti.",
            "Osaan työskennellä systeemisessä tiimissä ja käyttää reflektiota.",
        ),
        groups=(
            "sosiaalityontekija",
            "sosiaaliohjaaja",
            "perheterapeutti",
            "psykologi",
            "perhetyontekija",
            "perheneuvoja",
        ),
        organiser=COUNTY,
        body=_body(
            ("systeemisen ajattelun perusteet", "sukupuu ja hypoteesit", "reflektiivinen tiimi"),
            "Viisi koulutuspäivää noin kuukauden välein. Päivien välillä harjoitellaan omassa tiimissä.",
        ),
    ),
    CourseSpec(
        title="Verkostojohtaminen perhekeskuksessa",
        slug="verkostojohtaminen",
        kind=CourseKind.COURSE,
        level=BASIC,
        hours=6,
        summary=(
            "Esihenkilöille ja koordinaattoreille: perhekeskuksen johtaminen yhtenä kokonaisuutena yli "
            "organisaatiorajojen."
        ),
        outcomes=(
            "Osaan johtaa monialaista yhteistyötä yli organisaatiorajojen.",
            "Osaan hyödyntää osaamiskartoituksen tuloksia yksikön koulutussuunnittelussa.",
        ),
        groups=("esihenkilo", "perhekeskuskoordinaattori"),
        organiser=COUNTY,
        body=_body(
            ("verkostojohtamisen periaatteet", "yhteinen tieto ja seuranta", "osaamisen johtaminen"),
            "Yksi koulutuspäivä esihenkilöille kaikista perhekeskuksen organisaatioista.",
        ),
    ),
    CourseSpec(
        title="Työpaja: kohtaamispaikan yhteiskehittäminen",
        slug="tyopaja-kohtaamispaikka",
        kind=CourseKind.WORKSHOP,
        level=BASIC,
        hours=3,
        summary=(
            "Kehitetään kohtaamispaikkojen toimintaa yhdessä perheiden, vapaaehtoisten, järjestöjen ja "
            "seurakuntien kanssa."
        ),
        outcomes=("Osaan suunnitella kohtaamispaikan toimintaa yhdessä perheiden kanssa.",),
        groups=(
            "jarjestotyontekija",
            "vapaaehtoinen",
            "seurakunnan-perhetyontekija",
            "diakoniatyontekija",
            "nuorisotyontekija",
            "perhetyontekija",
            "varhaiskasvatuksen-opettaja",
        ),
        organiser=MLL,
        issues_certificate=False,
        body=_body(
            ("perheiden osallisuus", "vertaistuki ja vapaaehtoisten rooli", "toimintakauden suunnittelu"),
            "Kolmen tunnin työpaja. Mukaan toivotaan myös perheiden edustajia.",
        ),
    ),
    CourseSpec(
        title="Työpaja: vastuutyöntekijä ja palvelujen yhteensovittaminen",
        slug="tyopaja-vastuutyontekija",
        kind=CourseKind.WORKSHOP,
        level=SPECIAL,
        hours=3,
        summary=(
            "Miten perheen palvelut sovitetaan yhteen ja kuka toimii vastuutyöntekijänä, kun perheellä on monta "
            "työntekijää?"
        ),
        outcomes=("Tunnen vastuutyöntekijän tehtävät ja monialaisen yhteistyön käytännöt.",),
        groups=(
            "sosiaalityontekija",
            "sosiaaliohjaaja",
            "perhetyontekija",
            "psykologi",
            "perheneuvoja",
            "terveydenhoitaja",
            "koulukuraattori",
        ),
        organiser=COUNTY,
        issues_certificate=False,
        body=_body(
            ("asiakassuunnitelma", "monialainen tiimi ja konsultaatio", "perheen osallisuus"),
            "Kolmen tunnin työpaja, jossa käsitellään tapausesimerkkejä pienryhmissä.",
        ),
    ),
    CourseSpec(
        title="Teemaseminaari: lapsen oikeudet perhekeskuksessa",
        slug="teemaseminaari-lapsen-oikeudet",
        kind=CourseKind.SEMINAR,
        level=BASIC,
        hours=4,
        summary=(
            "YK:n lapsen oikeuksien sopimus perhekeskuksen arjessa: lapsen kuuleminen, osallisuus ja lapsen edun "
            "arviointi."
        ),
        outcomes=("Osaan arvioida lapsen etua omassa työssäni.",),
        groups=ALL_GROUPS,
        organiser=COUNTY,
        issues_certificate=False,
        body=_body(
            ("lapsen oikeuksien sopimus", "lapsen kuuleminen", "lapsivaikutusten arviointi"),
            "Puolen päivän seminaari, jota voi seurata myös etänä.",
        ),
    ),
    CourseSpec(
        title="Teemaseminaari: perheiden moninaisuus",
        slug="teemaseminaari-perheiden-moninaisuus",
        kind=CourseKind.SEMINAR,
        level=BASIC,
        hours=3,
        summary=(
            "Uusperheet, sateenkaariperheet, monikieliset ja -kulttuuriset perheet sekä erityistä tukea "
            "tarvitsevien lasten perheet perhekeskuksen asiakkaina."
        ),
        outcomes=("Osaan huomioida perheiden moninaisuuden palvelujen suunnittelussa ja kohtaamisessa.",),
        groups=ALL_GROUPS,
        organiser=SETLEMENTTI,
        issues_certificate=False,
        body=_body(
            ("perhemuodot Suomessa", "kieli ja kulttuuri", "syrjimätön kohtaaminen"),
            "Kolmen tunnin seminaari.",
        ),
    ),
    CourseSpec(
        title="Verkkokurssi: lapsi- ja perhelähtöinen työote",
        slug="verkkokurssi-perhelahtoinen-tyoote",
        kind=CourseKind.ELEARNING,
        level=BASIC,
        hours=2,
        summary=(
            "Itsenäisesti suoritettava verkkokurssi lapsi- ja perhelähtöisestä, voimavaroja vahvistavasta työotteesta."
        ),
        outcomes=("Tunnistan voimavaroja vahvistavan työotteen keinot.",),
        groups=ALL_GROUPS,
        organiser=COUNTY,
        body=_body(
            ("lapsi- ja perhelähtöisyys", "voimavaroja vahvistava työote", "kunnioittava dialogi"),
            "Verkkokurssin voi suorittaa omaan tahtiin. Kurssi päättyy tehtävään, josta saa todistuksen.",
        ),
    ),
)

TRANSLATED_COURSES = tuple(course for course in COURSES if course.translations)
