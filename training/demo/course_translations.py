"""Swedish and English pages of the demo courses that ``courses.py`` writes in Finnish only,
keyed by the Finnish slug: every course of the programme has a page in every language."""

from __future__ import annotations

from .blocks import heading, paragraph


def _version(title: str, slug: str, summary: str, outcomes: tuple[str, ...], delivery: str, *, sv: bool) -> dict:
    return {
        "title": title,
        "slug": slug,
        "summary": summary,
        "outcomes": outcomes,
        "body": [heading("Genomförande" if sv else "Delivery"), paragraph(delivery)],
    }


def _sv(title: str, slug: str, summary: str, outcomes: tuple[str, ...], delivery: str) -> dict:
    return _version(title, slug, summary, outcomes, delivery, sv=True)


def _en(title: str, slug: str, summary: str, outcomes: tuple[str, ...], delivery: str) -> dict:
    return _version(title, slug, summary, outcomes, delivery, sv=False)


TRANSLATIONS: dict[str, dict[str, dict]] = {
    "vahvuutta-vanhemmuuteen": {
        "sv": _sv(
            "Styrka i föräldraskapet – utbildning för gruppledare",
            "styrka-i-foraldraskapet",
            "En kamratgruppsmodell för dem som väntar sitt första barn och för babyfamiljer. Fyra "
            "grundutbildningsdagar, därefter en egen grupp och tre fördjupningsdagar.",
            (
                "Jag kan leda en grupp enligt modellen Styrka i föräldraskapet.",
                "Jag kan stödja förälderns mentaliseringsförmåga och samspelet mellan barnet och föräldern.",
            ),
            "Fyra grundutbildningsdagar, en egen grupp som leds tillsammans med en arbetskamrat och tre "
            "fördjupningsdagar.",
        ),
        "en": _en(
            "Strength to Parenthood – group leader training",
            "strength-to-parenthood",
            "A peer group model for parents expecting their first child and for families with a baby. Four days "
            "of basic training, then leading a group of one's own and three advanced days.",
            (
                "I can lead a Strength to Parenthood group.",
                "I can support a parent's capacity to mentalise and the interaction between baby and parent.",
            ),
            "Four days of basic training, leading a group of one's own with a colleague and three advanced days.",
        ),
    },
    "neuvokas-perhe": {
        "sv": _sv(
            "Neuvokas perhe – metodutbildning i levnadsvanor",
            "neuvokas-perhe-levnadsvanor",
            "En handledningsmetod som stöder familjens hälsosamma levnadsvanor: måltider, rörelse, sömn och "
            "skärmtid. En utbildningsdag och senare en fortbildning.",
            (
                "Jag kan använda Neuvokas perhe-korten och -materialet tillsammans med familjen.",
                "Jag kan ta upp levnadsvanor på ett sätt som stärker familjens resurser.",
            ),
            "En utbildningsdag. Metodkunnandet uppdateras i en fortbildning vartannat år.",
        ),
        "en": _en(
            "Neuvokas perhe – method training in healthy lifestyles",
            "neuvokas-perhe-healthy-lifestyles",
            "A counselling method that supports a family's healthy habits: eating, physical activity, sleep and "
            "screen time. One training day and a refresher later.",
            (
                "I can use the Neuvokas perhe cards and materials with a family.",
                "I can raise lifestyle questions in a way that builds on the family's strengths.",
            ),
            "One training day. The method is refreshed every two years in a follow-up training.",
        ),
    },
    "vakivallan-puheeksiotto": {
        "sv": _sv(
            "Att ta upp våld",
            "att-ta-upp-vald",
            "Att känna igen och ta upp våld i nära relationer och i familjen som en del av grundarbetet för "
            "alla anställda i familjecentret.",
            (
                "Jag kan fråga om våld rutinmässigt och på ett tryggt sätt.",
                "Jag vet vart jag hänvisar den som utsatts för våld, den som utövar våld och barnet.",
            ),
            "En halvdagsutbildning som passar alla yrkesgrupper.",
        ),
        "en": _en(
            "Raising the subject of violence",
            "raising-the-subject-of-violence",
            "Recognising domestic and family violence and asking about it as part of the everyday work of "
            "everyone in the family centre.",
            (
                "I can ask about violence routinely and safely.",
                "I know where to refer a person who has experienced violence, a person who uses it and the child.",
            ),
            "A half-day training suited to every professional group.",
        ),
    },
    "eroauttaminen": {
        "sv": _sv(
            "Stöd vid skilsmässa – barnets bästa när föräldrarna separerar",
            "stod-vid-skilsmassa",
            "Stöd för en samförståndslösning och ett fortsatt föräldraskap: rådgivning vid skilsmässa, att höra "
            "barnet och medling i familjeärenden.",
            (
                "Jag kan stödja föräldrar att komma överens om barnets angelägenheter vid en separation.",
                "Jag kan lyfta fram barnets synvinkel i rådgivningen vid skilsmässa.",
            ),
            "Två utbildningsdagar. Utbildarna är sakkunniga från familjerådgivningen och barnatillsyningsmännen.",
        ),
        "en": _en(
            "Support in separation – the child's best interests when parents part",
            "support-in-separation",
            "Supporting an amicable separation and continued parenthood: separation counselling, hearing the "
            "child and family mediation.",
            (
                "I can support parents in agreeing on the child's matters when they separate.",
                "I can bring the child's point of view into separation counselling.",
            ),
            "Two training days, taught by experts from the family counselling centre and the child welfare officers.",
        ),
    },
    "systeeminen-tyoote": {
        "sv": _sv(
            "Systemiskt arbetssätt i tjänsterna för barnfamiljer",
            "systemiskt-arbetssatt",
            "Det systemiska arbetssättet och teammodellen i socialt arbete och familjearbete med barnfamiljer: "
            "familjens relationer, hypoteser och det reflekterande teamet.",
            (
                "Jag kan se på familjens situation systemiskt.",
                "Jag kan arbeta i ett systemiskt team och använda reflektion.",
            ),
            "Fem utbildningsdagar med ungefär en månads mellanrum. Mellan dagarna övar vi i det egna teamet.",
        ),
        "en": _en(
            "Systemic practice in services for families with children",
            "systemic-practice",
            "Systemic practice and the team model in social work and family work with families with children: "
            "the family's relationships, hypotheses and the reflecting team.",
            (
                "I can look at a family's situation systemically.",
                "I can work in a systemic team and use reflection.",
            ),
            "Five training days about a month apart, with practice in one's own team in between.",
        ),
    },
    "verkostojohtaminen": {
        "sv": _sv(
            "Nätverksledarskap i familjecentret",
            "natverksledarskap",
            "För chefer och koordinatorer: att leda familjecentret som en helhet över organisationsgränserna.",
            (
                "Jag kan leda sektorsövergripande samarbete över organisationsgränserna.",
                "Jag kan använda resultaten av kompetenskartläggningen när enhetens utbildning planeras.",
            ),
            "En utbildningsdag för chefer från alla organisationer i familjecentret.",
        ),
        "en": _en(
            "Network leadership in the family centre",
            "network-leadership",
            "For managers and coordinators: leading the family centre as one whole across organisational boundaries.",
            (
                "I can lead multi-professional cooperation across organisational boundaries.",
                "I can use the results of the competence survey when planning my unit's training.",
            ),
            "One training day for managers from all the family centre's organisations.",
        ),
    },
    "tyopaja-kohtaamispaikka": {
        "sv": _sv(
            "Workshop: att utveckla mötesplatsen tillsammans",
            "workshop-motesplatsen",
            "Vi utvecklar verksamheten på mötesplatserna tillsammans med familjer, frivilliga, organisationer "
            "och församlingar.",
            ("Jag kan planera mötesplatsens verksamhet tillsammans med familjerna.",),
            "En workshop på tre timmar. Också företrädare för familjerna är välkomna.",
        ),
        "en": _en(
            "Workshop: developing the meeting place together",
            "workshop-meeting-place",
            "Developing what happens at the family meeting places together with families, volunteers, NGOs and "
            "parishes.",
            ("I can plan the meeting place's activities together with families.",),
            "A three-hour workshop. Representatives of families are welcome too.",
        ),
    },
    "tyopaja-vastuutyontekija": {
        "sv": _sv(
            "Workshop: ansvarig arbetstagare och samordnade tjänster",
            "workshop-ansvarig-arbetstagare",
            "Hur samordnas familjens tjänster och vem är ansvarig arbetstagare när familjen har många anställda "
            "omkring sig?",
            ("Jag känner till den ansvariga arbetstagarens uppgifter och praxis i sektorsövergripande samarbete.",),
            "En workshop på tre timmar där vi går igenom fallexempel i smågrupper.",
        ),
        "en": _en(
            "Workshop: the named worker and coordinated services",
            "workshop-named-worker",
            "How are a family's services coordinated, and who is the named worker when the family has many "
            "professionals around it?",
            ("I know the named worker's tasks and the practices of multi-professional cooperation.",),
            "A three-hour workshop working through case examples in small groups.",
        ),
    },
    "teemaseminaari-lapsen-oikeudet": {
        "sv": _sv(
            "Temaseminarium: barnets rättigheter i familjecentret",
            "temaseminarium-barnets-rattigheter",
            "FN:s konvention om barnets rättigheter i familjecentrets vardag: att höra barnet, delaktighet och "
            "bedömning av barnets bästa.",
            ("Jag kan bedöma barnets bästa i mitt eget arbete.",),
            "Ett halvdagsseminarium som också kan följas på distans.",
        ),
        "en": _en(
            "Theme seminar: children's rights in the family centre",
            "theme-seminar-childrens-rights",
            "The UN Convention on the Rights of the Child in the family centre's everyday work: hearing the child, "
            "participation and assessing the child's best interests.",
            ("I can assess the child's best interests in my own work.",),
            "A half-day seminar that can also be followed online.",
        ),
    },
    "teemaseminaari-perheiden-moninaisuus": {
        "sv": _sv(
            "Temaseminarium: familjers mångfald",
            "temaseminarium-familjers-mangfald",
            "Ombildade familjer, regnbågsfamiljer, flerspråkiga och mångkulturella familjer samt familjer med barn "
            "som behöver särskilt stöd som klienter i familjecentret.",
            ("Jag kan beakta familjers mångfald när tjänster planeras och när jag möter familjer.",),
            "Ett seminarium på tre timmar.",
        ),
        "en": _en(
            "Theme seminar: the diversity of families",
            "theme-seminar-diversity-of-families",
            "Stepfamilies, rainbow families, multilingual and multicultural families and families of children who "
            "need special support as clients of the family centre.",
            ("I can take the diversity of families into account in planning services and in meeting families.",),
            "A three-hour seminar.",
        ),
    },
    "verkkokurssi-perhelahtoinen-tyoote": {
        "sv": _sv(
            "Webbkurs: ett barn- och familjeorienterat arbetssätt",
            "webbkurs-familjeorienterat-arbetssatt",
            "En webbkurs som du går på egen hand om ett barn- och familjeorienterat arbetssätt som stärker "
            "familjens resurser.",
            ("Jag känner igen sätten att arbeta så att familjens resurser stärks.",),
            "Du går kursen i egen takt. Kursen avslutas med en uppgift som ger ett intyg.",
        ),
        "en": _en(
            "Online course: child- and family-centred practice",
            "online-course-family-centred-practice",
            "A self-paced online course on child- and family-centred practice that builds on families' strengths.",
            ("I recognise the ways of working that build on a family's strengths.",),
            "The course is taken at one's own pace and ends with an assignment that earns a certificate.",
        ),
    },
}
