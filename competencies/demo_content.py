"""The demo family-centre framework (plain data): the seven tasks of a family centre and the
shared ways of working (DOMAIN.md), 25 competences, and the levels each professional group needs."""

from __future__ import annotations

FRAMEWORK = {
    "code": "perhekeskus",
    "name_fi": "Perhekeskuksen osaamiskartta",
    "name_sv": "Familjecentrets kompetenskarta",
    "name_en": "Family-centre competence framework",
    "description_fi": (
        "Perhekeskuksen seitsemän perustehtävää ja yhteiset työtavat. Osaamiskartoitukset ja "
        "koulutussuunnitelma perustuvat tähän karttaan."
    ),
    "description_sv": (
        "Familjecentrets sju grunduppgifter och gemensamma arbetssätt. Kompetenskartläggningar och "
        "utbildningsplanen bygger på denna karta."
    ),
    "description_en": (
        "The seven core tasks of a family centre and the shared ways of working. Competence surveys "
        "and the training plan are based on this framework."
    ),
}

# Each area: code, (fi, sv, en) names, (fi, sv, en) descriptions, competences.
# Each competence: code, (fi, sv, en) names, (fi, sv, en) descriptions.
AREAS = (
    (
        "A",
        (
            "Terveyden ja hyvinvoinnin edistäminen",
            "Främjande av hälsa och välbefinnande",
            "Promoting health and wellbeing",
        ),
        (
            "Lapsen ja perheen terveyden ja hyvinvoinnin edistäminen ja seuranta.",
            "Att främja och följa barnets och familjens hälsa och välbefinnande.",
            "Promoting and following the health and wellbeing of the child and family.",
        ),
        (
            (
                "A1",
                (
                    "Lapsen kasvun ja kehityksen seuranta",
                    "Uppföljning av barnets tillväxt och utveckling",
                    "Following the child's growth and development",
                ),
                (
                    "Tunnistaa ikätasoisen kasvun ja kehityksen ja poikkeamat siitä sekä ohjaa tarvittaessa eteenpäin.",
                    "Känner igen åldersadekvat tillväxt och utveckling och avvikelser och hänvisar vid behov vidare.",
                    "Recognises age-typical growth and development and deviations from it, and refers on when needed.",
                ),
            ),
            (
                "A2",
                (
                    "Perheen hyvinvoinnin ja voimavarojen arviointi",
                    "Bedömning av familjens välbefinnande och resurser",
                    "Assessing the family's wellbeing and resources",
                ),
                (
                    (
                        "Arvioi koko perheen hyvinvointia yhdessä perheen kanssa, "
                        "esimerkiksi laajassa terveystarkastuksessa."
                    ),
                    (
                        "Bedömer hela familjens välbefinnande tillsammans med familjen, "
                        "till exempel i en omfattande hälsoundersökning."
                    ),
                    (
                        "Assesses the whole family's wellbeing together with the "
                        "family, for example in an extended health check."
                    ),
                ),
            ),
            (
                "A3",
                (
                    "Terveellisten elintapojen tukeminen",
                    "Stöd för hälsosamma levnadsvanor",
                    "Supporting healthy lifestyles",
                ),
                (
                    (
                        "Tukee perheen ravitsemusta, liikkumista, unta ja ruutuaikaa "
                        "esimerkiksi Neuvokas perhe -menetelmällä."
                    ),
                    "Stöder familjens kost, motion, sömn och skärmtid till exempel med metoden Neuvokas perhe.",
                    (
                        "Supports the family's eating, exercise, sleep and screen time, "
                        "for example with the Neuvokas perhe method."
                    ),
                ),
            ),
        ),
    ),
    (
        "B",
        (
            "Vanhemmuuden ja parisuhteen tukeminen",
            "Stöd för föräldraskap och parrelation",
            "Supporting parenthood and the couple relationship",
        ),
        (
            "Vanhemmuuden, vuorovaikutuksen ja parisuhteen vahvistaminen.",
            "Att stärka föräldraskapet, samspelet och parrelationen.",
            "Strengthening parenthood, interaction and the couple relationship.",
        ),
        (
            (
                "B1",
                ("Vanhemmuuden tukeminen", "Stöd för föräldraskapet", "Supporting parenthood"),
                (
                    "Vahvistaa vanhemman ja lapsen vuorovaikutusta ja vanhemman luottamusta omaan osaamiseensa.",
                    "Stärker samspelet mellan förälder och barn och förälderns tilltro till sin egen förmåga.",
                    "Strengthens parent-child interaction and the parent's confidence in their own abilities.",
                ),
            ),
            (
                "B2",
                ("Parisuhteen tukeminen", "Stöd för parrelationen", "Supporting the couple relationship"),
                (
                    "Ottaa parisuhteen puheeksi ja ohjaa parisuhdetta tukeviin palveluihin ja ryhmiin.",
                    "Tar upp parrelationen och hänvisar till tjänster och grupper som stöder den.",
                    "Raises the couple relationship and guides couples to services and groups that support it.",
                ),
            ),
            (
                "B3",
                ("Vanhempainryhmien ohjaaminen", "Att leda föräldragrupper", "Leading parent groups"),
                (
                    "Suunnittelee ja ohjaa vanhempainryhmiä, esimerkiksi Vahvuutta vanhemmuuteen -ryhmiä.",
                    "Planerar och leder föräldragrupper, till exempel grupper enligt Vahvuutta vanhemmuuteen.",
                    "Plans and leads parent groups, for example Vahvuutta vanhemmuuteen groups.",
                ),
            ),
        ),
    ),
    (
        "C",
        (
            "Varhainen tuki, hoito ja kuntoutus",
            "Tidigt stöd, vård och rehabilitering",
            "Early support, care and rehabilitation",
        ),
        (
            "Tuen tarpeen varhainen tunnistaminen ja oikea-aikainen apu, hoito ja kuntoutus.",
            "Att tidigt identifiera stödbehov och ge hjälp, vård och rehabilitering i rätt tid.",
            "Recognising needs early and giving timely help, care and rehabilitation.",
        ),
        (
            (
                "C1",
                (
                    "Varhaisen tuen tarpeen tunnistaminen",
                    "Att identifiera behov av tidigt stöd",
                    "Recognising the need for early support",
                ),
                (
                    "Tunnistaa lapsen ja perheen tuen tarpeet ajoissa ja tarjoaa apua ilman raskaita prosesseja.",
                    "Identifierar barnets och familjens stödbehov i tid och erbjuder hjälp utan tunga processer.",
                    "Recognises the child's and family's needs in time and offers help without heavy processes.",
                ),
            ),
            (
                "C2",
                (
                    "Psykososiaalinen tuki lapselle ja perheelle",
                    "Psykosocialt stöd till barn och familj",
                    "Psychosocial support for the child and family",
                ),
                (
                    "Antaa keskustelu- ja ohjausapua perheen arjen kuormittaviin tilanteisiin.",
                    "Ger samtalsstöd och handledning i belastande situationer i familjens vardag.",
                    "Gives counselling and guidance in stressful situations in the family's daily life.",
                ),
            ),
            (
                "C3",
                (
                    "Kuntoutuksen suunnittelu ja toteutus",
                    "Planering och genomförande av rehabilitering",
                    "Planning and delivering rehabilitation",
                ),
                (
                    "Laatii kuntoutussuunnitelman yhdessä perheen ja varhaiskasvatuksen tai koulun kanssa.",
                    "Gör upp en rehabiliteringsplan tillsammans med familjen och småbarnspedagogiken eller skolan.",
                    "Draws up a rehabilitation plan with the family and early childhood education or the school.",
                ),
            ),
            (
                "C4",
                (
                    "Lasten ja nuorten mielenterveyden tukeminen",
                    "Stöd för barns och ungas psykiska hälsa",
                    "Supporting children's and young people's mental health",
                ),
                (
                    (
                        "Tunnistaa mielenterveyden riskejä ja käyttää näyttöön "
                        "perustuvia menetelmiä, kuten Ihmeelliset vuodet."
                    ),
                    "Känner igen risker för psykisk ohälsa och använder evidensbaserade metoder som De otroliga åren.",
                    "Recognises mental-health risks and uses evidence-based methods such as Incredible Years.",
                ),
            ),
        ),
    ),
    (
        "D",
        (
            "Eroauttaminen ja yhteistyövanhemmuus",
            "Separationsstöd och samarbetsföräldraskap",
            "Separation support and co-parenting",
        ),
        (
            "Sovinnollisen eron ja yhteistyövanhemmuuden tukeminen.",
            "Att stödja en samförståndsseparation och fortsatt föräldraskap.",
            "Helping towards an amicable separation and continued parenthood.",
        ),
        (
            (
                "D1",
                ("Eroauttaminen", "Separationsstöd", "Separation support"),
                (
                    "Tukee eroa harkitsevia ja eroavia vanhempia sekä lasta erotilanteessa.",
                    "Stöder föräldrar som överväger separation eller skiljer sig, och barnet i situationen.",
                    "Supports parents who are considering or going through separation, and the child in it.",
                ),
            ),
            (
                "D2",
                (
                    "Lapsen etu eron sopimuksissa",
                    "Barnets bästa i avtal vid separation",
                    "The child's best interests in separation agreements",
                ),
                (
                    "Auttaa vanhempia sopimaan huollosta, asumisesta ja tapaamisista lapsen edun mukaisesti.",
                    "Hjälper föräldrar att avtala om vårdnad, boende och umgänge enligt barnets bästa.",
                    "Helps parents agree on custody, residence and contact in the child's best interests.",
                ),
            ),
        ),
    ),
    (
        "E",
        ("Perheiden moninaisuus", "Familjernas mångfald", "Diversity of families"),
        (
            "Erilaisten perheiden ja kulttuurien huomioiminen palveluissa.",
            "Att beakta olika familjer och kulturer i tjänsterna.",
            "Taking different families and cultures into account in services.",
        ),
        (
            (
                "E1",
                (
                    "Perhemuotojen moninaisuuden huomioiminen",
                    "Att beakta mångfalden av familjeformer",
                    "Taking diverse family forms into account",
                ),
                (
                    "Kohtaa uus-, sateenkaari-, monikko- ja yhden vanhemman perheet niiden omista lähtökohdista.",
                    (
                        "Möter ombildade familjer, regnbågsfamiljer, flerlingsfamiljer och "
                        "ensamföräldrar utifrån deras egna utgångspunkter."
                    ),
                    "Meets blended, rainbow, multiple-birth and single-parent families on their own terms.",
                ),
            ),
            (
                "E2",
                ("Kulttuurisensitiivinen työote", "Kultursensitivt arbetssätt", "Culturally sensitive practice"),
                (
                    "Toimii kulttuurisesti sensitiivisesti ja käyttää tulkkia ja selkokieltä tarvittaessa.",
                    "Arbetar kultursensitivt och använder tolk och lättläst språk vid behov.",
                    "Works in a culturally sensitive way and uses interpreters and plain language when needed.",
                ),
            ),
        ),
    ),
    (
        "F",
        (
            "Lähisuhde- ja perheväkivallan ehkäisy",
            "Förebyggande av våld i nära relationer och familjen",
            "Preventing intimate-partner and family violence",
        ),
        (
            "Väkivallan tunnistaminen, puheeksi ottaminen ja perheen auttaminen turvallisesti.",
            "Att känna igen våld, ta upp det och hjälpa familjen på ett tryggt sätt.",
            "Recognising violence, raising it and helping the family safely.",
        ),
        (
            (
                "F1",
                ("Väkivallan puheeksiotto", "Att ta upp våld", "Raising the subject of violence"),
                (
                    (
                        "Kysyy väkivallasta rutiinisti ja turvallisesti ja tietää, "
                        "miten toimia, kun väkivaltaa tulee esiin."
                    ),
                    "Frågar rutinmässigt och tryggt om våld och vet hur man gör när våld kommer fram.",
                    "Asks about violence routinely and safely and knows what to do when violence comes up.",
                ),
            ),
            (
                "F2",
                (
                    "Moniammatillinen riskinarviointi (MARAK)",
                    "Multiprofessionell riskbedömning (MARAK)",
                    "Multi-agency risk assessment (MARAC)",
                ),
                (
                    "Arvioi vakavan väkivallan riskiä ja osallistuu MARAK-työryhmän turvasuunnitelmaan.",
                    "Bedömer risken för grovt våld och deltar i MARAK-gruppens säkerhetsplan.",
                    "Assesses the risk of serious violence and takes part in the MARAC group's safety plan.",
                ),
            ),
            (
                "F3",
                (
                    "Lastensuojeluilmoitus ja lapsen suojelu",
                    "Barnskyddsanmälan och skydd av barnet",
                    "Child protection notifications",
                ),
                (
                    (
                        "Tuntee ilmoitusvelvollisuutensa ja tekee lastensuojeluilmoituksen "
                        "yhdessä perheen kanssa, kun se on mahdollista."
                    ),
                    (
                        "Känner sin anmälningsskyldighet och gör en barnskyddsanmälan "
                        "tillsammans med familjen när det är möjligt."
                    ),
                    (
                        "Knows the duty to notify and makes a child protection "
                        "notification together with the family when possible."
                    ),
                ),
            ),
        ),
    ),
    (
        "G",
        (
            "Kohtaamispaikka ja yhteisöllisyys",
            "Mötesplats och gemenskap",
            "The meeting place and community",
        ),
        (
            "Kohtaamispaikka mahdollistaa vertaistuen ja vahvistaa yhteisöllisyyttä.",
            "Mötesplatsen möjliggör kamratstöd och stärker gemenskapen.",
            "The meeting place enables peer support and strengthens community.",
        ),
        (
            (
                "G1",
                ("Vertaistuen mahdollistaminen", "Att möjliggöra kamratstöd", "Enabling peer support"),
                (
                    "Järjestää ja ohjaa vertaisryhmiä ja avointa toimintaa perheille kohtaamispaikassa.",
                    "Ordnar och leder kamratgrupper och öppen verksamhet för familjer på mötesplatsen.",
                    "Organises and leads peer groups and open activities for families at the meeting place.",
                ),
            ),
            (
                "G2",
                (
                    "Yhteistyö järjestöjen, seurakuntien ja vapaaehtoisten kanssa",
                    "Samarbete med organisationer, församlingar och frivilliga",
                    "Working with NGOs, parishes and volunteers",
                ),
                (
                    "Tuntee alueen järjestö- ja seurakuntatoiminnan ja tukee vapaaehtoisia heidän tehtävässään.",
                    (
                        "Känner till områdets organisations- och "
                        "församlingsverksamhet och stöder frivilliga i deras uppdrag."
                    ),
                    "Knows the area's NGO and parish activities and supports volunteers in their role.",
                ),
            ),
        ),
    ),
    (
        "H",
        ("Yhteiset työtavat", "Gemensamma arbetssätt", "Shared ways of working"),
        (
            "Kaikkia perhekeskuksen työntekijöitä koskevat työtavat ja palvelulupaus.",
            "Arbetssätt och servicelöfte som gäller alla som arbetar i familjecentret.",
            "Ways of working and the service promise that apply to everyone in the family centre.",
        ),
        (
            (
                "H1",
                (
                    "Lapsi- ja perhelähtöisyys ja lapsen oikeudet",
                    "Barn- och familjeorientering och barnets rättigheter",
                    "Child- and family-centred work and the rights of the child",
                ),
                (
                    "Kuulee lasta ja perhettä, arvioi lapsen edun ja toimii lapsen oikeuksien sopimuksen mukaisesti.",
                    "Lyssnar på barnet och familjen, bedömer barnets bästa och följer barnkonventionen.",
                    (
                        "Listens to the child and family, assesses the child's best "
                        "interests and follows the rights of the child."
                    ),
                ),
            ),
            (
                "H2",
                (
                    "Voimavaroja vahvistava ja dialoginen työote",
                    "Resursstärkande och dialogiskt arbetssätt",
                    "Resource-strengthening and dialogical practice",
                ),
                (
                    "Kohtaa perheen arvostavasti ja rakentaa ratkaisuja perheen omista vahvuuksista.",
                    "Möter familjen med respekt och bygger lösningar på familjens egna styrkor.",
                    "Meets the family with respect and builds solutions on the family's own strengths.",
                ),
            ),
            (
                "H3",
                (
                    "Huolen puheeksiotto (Lapset puheeksi)",
                    "Att ta upp oro (Låt oss prata om barnen)",
                    "Raising concerns early (Let's Talk about Children)",
                ),
                (
                    (
                        "Ottaa huolen puheeksi varhain ja kunnioittavasti ja käyttää "
                        "Lapset puheeksi -menetelmää koulutettuna."
                    ),
                    "Tar upp oro tidigt och respektfullt och använder metoden Låt oss prata om barnen som utbildad.",
                    (
                        "Raises concerns early and respectfully, and uses the Let's "
                        "Talk about Children method once trained."
                    ),
                ),
            ),
            (
                "H4",
                (
                    "Monialainen tiimityö ja konsultaatio",
                    "Multiprofessionellt teamarbete och konsultation",
                    "Multi-professional teamwork and consultation",
                ),
                (
                    (
                        "Työskentelee monialaisessa tiimissä ja konsultoi ja "
                        "konsultoidaan yli ammatti- ja organisaatiorajojen."
                    ),
                    "Arbetar i ett multiprofessionellt team och konsulterar över yrkes- och organisationsgränser.",
                    (
                        "Works in a multi-professional team and consults across "
                        "professional and organisational boundaries."
                    ),
                ),
            ),
            (
                "H5",
                (
                    "Vastuutyöntekijänä toimiminen ja palveluverkoston tuntemus",
                    "Att vara ansvarig arbetstagare och känna servicenätverket",
                    "Acting as the responsible worker and knowing the service network",
                ),
                (
                    "Koordinoi perheen apua yhtenä yhteyshenkilönä ja tuntee perhekeskuksen palveluverkoston.",
                    "Samordnar familjens hjälp som en kontaktperson och känner familjecentrets servicenätverk.",
                    "Coordinates the family's help as a single contact and knows the family centre's service network.",
                ),
            ),
            (
                "H6",
                (
                    "Perheiden osallisuus ja sähköiset palvelut",
                    "Familjernas delaktighet och digitala tjänster",
                    "Family involvement and digital services",
                ),
                (
                    "Ottaa perheet mukaan palvelujen kehittämiseen ja ohjaa sähköisen perhekeskuksen palveluihin.",
                    (
                        "Involverar familjer i utvecklingen av tjänster och hänvisar "
                        "till det elektroniska familjecentrets tjänster."
                    ),
                    "Involves families in developing services and guides them to the digital family-centre services.",
                ),
            ),
        ),
    ),
)

# Required level (1-5) by area for each kind of work; a group's own exceptions follow below.
#              A  B  C  D  E  F  G  H
PROFILES: dict[str, tuple[int, ...]] = {
    "health": (4, 3, 3, 2, 3, 3, 2, 3),
    "mental": (2, 4, 4, 3, 3, 3, 2, 4),
    "social": (3, 4, 3, 3, 3, 3, 2, 3),
    "therapy": (3, 2, 4, 1, 3, 2, 1, 3),
    "education": (3, 2, 2, 2, 3, 2, 2, 3),
    "community": (2, 2, 1, 1, 3, 2, 4, 2),
    "volunteer": (1, 1, 1, 1, 2, 1, 3, 1),
    "lead": (2, 2, 2, 2, 3, 3, 3, 4),
}
GROUP_PROFILES: dict[str, str] = {
    "terveydenhoitaja": "health",
    "katilo": "health",
    "laakari": "health",
    "psykologi": "mental",
    "perhetyontekija": "social",
    "kotipalvelu": "social",
    "sosiaaliohjaaja": "social",
    "sosiaalityontekija": "social",
    "lastenvalvoja": "social",
    "perheneuvoja": "mental",
    "perheterapeutti": "mental",
    "puheterapeutti": "therapy",
    "fysioterapeutti": "therapy",
    "toimintaterapeutti": "therapy",
    "ravitsemusterapeutti": "therapy",
    "suuhygienisti": "therapy",
    "psykiatrinen-sairaanhoitaja": "mental",
    "varhaiskasvatuksen-opettaja": "education",
    "erityisopettaja": "education",
    "lastenhoitaja": "education",
    "koulukuraattori": "social",
    "nuorisotyontekija": "community",
    "jarjestotyontekija": "community",
    "vapaaehtoinen": "volunteer",
    "seurakunnan-perhetyontekija": "community",
    "diakoniatyontekija": "community",
    "kelan-asiantuntija": "community",
    "esihenkilo": "lead",
    "perhekeskuskoordinaattori": "lead",
}
DEFAULT_PROFILE = "community"

# Exceptions by group and competence code: who needs more (or less) than their profile says.
GROUP_EXCEPTIONS: dict[str, dict[str, int]] = {
    "terveydenhoitaja": {"A1": 5, "A2": 4, "H3": 4, "F1": 4, "C1": 4},
    "katilo": {"A1": 3, "B2": 4, "F1": 4},
    "laakari": {"A1": 5, "C3": 4, "C4": 4, "B3": 1},
    "psykologi": {"C4": 5, "A1": 3},
    "perhetyontekija": {"B1": 4, "C2": 4, "H5": 4},
    "kotipalvelu": {"B3": 2, "D2": 2, "F2": 2},
    "sosiaalityontekija": {"F3": 5, "F2": 4, "D2": 4, "H5": 4},
    "lastenvalvoja": {"D1": 4, "D2": 5, "A1": 1, "A3": 1},
    "perheneuvoja": {"D1": 4, "B2": 4},
    "perheterapeutti": {"B2": 5, "D1": 4},
    "puheterapeutti": {"A1": 4},
    "ravitsemusterapeutti": {"A3": 5},
    "suuhygienisti": {"A3": 4, "C3": 2},
    "varhaiskasvatuksen-opettaja": {"A1": 3, "H3": 3, "F3": 3},
    "erityisopettaja": {"C3": 3, "C1": 3},
    "koulukuraattori": {"C4": 3, "F3": 4, "A1": 2},
    "nuorisotyontekija": {"H3": 3, "C1": 2},
    "esihenkilo": {"H4": 5, "H6": 4},
    "perhekeskuskoordinaattori": {"H5": 5, "H6": 5, "G2": 4},
}

# Groups that work on both service levels need more on the special and most demanding level in
# these areas; their requirement for the special level is one step higher (at most 5).
SPECIAL_LEVEL_GROUPS = ("perhetyontekija", "kotipalvelu", "sosiaaliohjaaja", "psykologi", "perheterapeutti")
SPECIAL_LEVEL_AREAS = ("C", "D", "F")
