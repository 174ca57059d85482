//! A synthetic news corpus for benchmarks: [`Corpus::article`] writes article `i` of a seeded
//! corpus from our own sentence templates and name lists.
//!
//! Each article depends only on `(seed, i)`, so the same seed and count give byte-identical
//! output, and any slice of a corpus can be generated alone. Names of leaders, countries and
//! cities are public facts; every sentence shape is a template written here.

/// xorshift64* seeded through splitmix64: small, fast, and the same on every platform.
pub struct Rng(u64);

impl Rng {
    /// A generator for stream `stream` of `seed`.
    pub fn new(seed: u64, stream: u64) -> Rng {
        let mut z = seed ^ stream.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        Rng(z | 1)
    }

    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// A leader: name, surname for second mentions, title before the name, country.
struct Leader {
    name: &'static str,
    short: &'static str,
    title: &'static str,
    country: &'static str,
}

const fn l(
    name: &'static str,
    short: &'static str,
    title: &'static str,
    country: &'static str,
) -> Leader {
    Leader {
        name,
        short,
        title,
        country,
    }
}

const LEADERS: &[Leader] = &[
    l("Donald Trump", "Trump", "US President", "United States"),
    l(
        "Marco Rubio",
        "Rubio",
        "US Secretary of State",
        "United States",
    ),
    l("Vladimir Putin", "Putin", "Russian President", "Russia"),
    l(
        "Sergei Lavrov",
        "Lavrov",
        "Russian Foreign Minister",
        "Russia",
    ),
    l("Emmanuel Macron", "Macron", "French President", "France"),
    l(
        "Jean-Noel Barrot",
        "Barrot",
        "French Foreign Minister",
        "France",
    ),
    l("Friedrich Merz", "Merz", "German Chancellor", "Germany"),
    l(
        "Johann Wadephul",
        "Wadephul",
        "German Foreign Minister",
        "Germany",
    ),
    l(
        "Keir Starmer",
        "Starmer",
        "British Prime Minister",
        "United Kingdom",
    ),
    l(
        "Yvette Cooper",
        "Cooper",
        "British Foreign Secretary",
        "United Kingdom",
    ),
    l(
        "Volodymyr Zelensky",
        "Zelensky",
        "Ukrainian President",
        "Ukraine",
    ),
    l(
        "Andrii Sybiha",
        "Sybiha",
        "Ukrainian Foreign Minister",
        "Ukraine",
    ),
    l(
        "Recep Tayyip Erdogan",
        "Erdogan",
        "Turkish President",
        "Turkey",
    ),
    l("Hakan Fidan", "Fidan", "Turkish Foreign Minister", "Turkey"),
    l("Xi Jinping", "Xi", "Chinese President", "China"),
    l("Wang Yi", "Wang", "Chinese Foreign Minister", "China"),
    l("Narendra Modi", "Modi", "Indian Prime Minister", "India"),
    l(
        "Pedro Sanchez",
        "Sanchez",
        "Spanish Prime Minister",
        "Spain",
    ),
    l(
        "Giorgia Meloni",
        "Meloni",
        "Italian Prime Minister",
        "Italy",
    ),
    l("Donald Tusk", "Tusk", "Polish Prime Minister", "Poland"),
    l("Mark Carney", "Carney", "Canadian Prime Minister", "Canada"),
    l(
        "Anthony Albanese",
        "Albanese",
        "Australian Prime Minister",
        "Australia",
    ),
    l("Javier Milei", "Milei", "Argentine President", "Argentina"),
    l(
        "Claudia Sheinbaum",
        "Sheinbaum",
        "Mexican President",
        "Mexico",
    ),
    l(
        "Cyril Ramaphosa",
        "Ramaphosa",
        "South African President",
        "South Africa",
    ),
    l(
        "Masoud Pezeshkian",
        "Pezeshkian",
        "Iranian President",
        "Iran",
    ),
    l(
        "Abbas Araghchi",
        "Araghchi",
        "Iranian Foreign Minister",
        "Iran",
    ),
    l(
        "Benjamin Netanyahu",
        "Netanyahu",
        "Israeli Prime Minister",
        "Israel",
    ),
    l(
        "Kaja Kallas",
        "Kallas",
        "EU foreign policy chief",
        "European Union",
    ),
    l("Mark Rutte", "Rutte", "NATO Secretary General", "NATO"),
    l(
        "Antonio Guterres",
        "Guterres",
        "UN Secretary-General",
        "United Nations",
    ),
];

/// Envoys and aides of leaders (index into [`LEADERS`]) with their role words.
const ENVOYS: &[(&str, &str, usize, &str)] = &[
    ("Steve Witkoff", "Witkoff", 0, "special envoy"),
    ("Mike Waltz", "Waltz", 0, "national security adviser"),
    ("Yuri Ushakov", "Ushakov", 2, "foreign policy aide"),
    ("Kirill Dmitriev", "Dmitriev", 2, "special envoy"),
    ("Andriy Yermak", "Yermak", 10, "chief of staff"),
    ("Jonathan Powell", "Powell", 8, "national security adviser"),
];

const CITIES: &[(&str, &str)] = &[
    ("Washington", "United States"),
    ("Moscow", "Russia"),
    ("Paris", "France"),
    ("Berlin", "Germany"),
    ("London", "United Kingdom"),
    ("Kyiv", "Ukraine"),
    ("Ankara", "Turkey"),
    ("Istanbul", "Turkey"),
    ("Beijing", "China"),
    ("New Delhi", "India"),
    ("Madrid", "Spain"),
    ("Rome", "Italy"),
    ("Warsaw", "Poland"),
    ("Ottawa", "Canada"),
    ("Canberra", "Australia"),
    ("Buenos Aires", "Argentina"),
    ("Mexico City", "Mexico"),
    ("Pretoria", "South Africa"),
    ("Tehran", "Iran"),
    ("Brussels", "Belgium"),
    ("Geneva", "Switzerland"),
    ("Riyadh", "Saudi Arabia"),
    ("Doha", "Qatar"),
    ("Abu Dhabi", "United Arab Emirates"),
    ("Tokyo", "Japan"),
    ("Seoul", "South Korea"),
    ("Brasilia", "Brazil"),
    ("Cairo", "Egypt"),
    ("Vienna", "Austria"),
    ("Helsinki", "Finland"),
];

/// Given names and surnames of officials we invent (combinations are not real people).
const GIVEN: &[&str] = &[
    "Anna", "Peter", "Maria", "Thomas", "Elena", "David", "Sofia", "Michael", "Laura", "Daniel",
    "Clara", "Martin", "Julia", "Pablo", "Nadia", "Omar", "Ingrid", "Tomas", "Leila", "Viktor",
    "Hana", "Marek", "Irene", "Samuel", "Yara", "Jonas", "Lucia", "Arjun", "Mei", "Kofi",
];
const SURNAMES: &[&str] = &[
    "Halvorsen",
    "Marchetti",
    "Okafor",
    "Lindqvist",
    "Brandt",
    "Costa",
    "Novak",
    "Petrenko",
    "Alvarez",
    "Haddad",
    "Kowalski",
    "Moreau",
    "Tanaka",
    "Varga",
    "Mensah",
    "Olsen",
    "Rahimi",
    "Fischer",
    "Duarte",
    "Castellano",
    "Jovanovic",
    "Nakamura",
    "Bergstrom",
    "Adeyemi",
    "Romero",
    "Keller",
    "Sorensen",
    "Ibrahim",
    "Fontaine",
    "Zielinski",
];
const OFFICES: &[&str] = &[
    "Deputy Foreign Minister",
    "Trade Minister",
    "Defence Minister",
    "Finance Minister",
    "Energy Minister",
    "Interior Minister",
];
const DEMONYM: &[(&str, &str)] = &[
    ("United States", "US"),
    ("Russia", "Russian"),
    ("France", "French"),
    ("Germany", "German"),
    ("United Kingdom", "British"),
    ("Ukraine", "Ukrainian"),
    ("Turkey", "Turkish"),
    ("China", "Chinese"),
    ("India", "Indian"),
    ("Spain", "Spanish"),
    ("Italy", "Italian"),
    ("Poland", "Polish"),
    ("Canada", "Canadian"),
    ("Australia", "Australian"),
    ("Argentina", "Argentine"),
    ("Mexico", "Mexican"),
    ("South Africa", "South African"),
    ("Iran", "Iranian"),
    ("Belgium", "Belgian"),
    ("Switzerland", "Swiss"),
    ("Saudi Arabia", "Saudi"),
    ("Qatar", "Qatari"),
    ("Japan", "Japanese"),
    ("South Korea", "South Korean"),
    ("Brazil", "Brazilian"),
    ("Egypt", "Egyptian"),
    ("Austria", "Austrian"),
    ("Finland", "Finnish"),
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const TOPICS: &[&str] = &[
    "trade",
    "energy security",
    "the war in Ukraine",
    "a ceasefire",
    "nuclear talks",
    "migration",
    "tariffs",
    "grain exports",
    "sanctions relief",
    "climate finance",
    "arms control",
    "the reconstruction of Gaza",
    "critical minerals",
    "shipping in the Red Sea",
];
const INDICATORS: &[&str] = &[
    "inflation",
    "industrial output",
    "the jobless rate",
    "retail sales",
    "the trade deficit",
    "consumer confidence",
    "wage growth",
    "manufacturing activity",
];
const BODIES: &[&str] = &[
    "the central bank",
    "the statistics office",
    "the finance ministry",
    "the International Monetary Fund",
    "the World Bank",
    "a group of private economists",
];
const SECTORS: &[&str] = &[
    "steel",
    "car",
    "chip",
    "farm",
    "shipping",
    "airline",
    "pharmaceutical",
    "solar",
    "banking",
    "oil and gas",
];
const QUOTES: &[&str] = &[
    "We had a frank and useful conversation, and we agreed to keep talking",
    "Nobody should expect a breakthrough overnight, but the direction is right",
    "Our position has not changed and it will not change under pressure",
    "This is a moment for patience, not for headlines",
    "We are ready to work with anyone who is serious about peace",
    "The details matter, and the details are still being negotiated",
    "I think both sides understand what is at stake this winter",
];

/// Who a sentence is about: a full name with optional title, and the short form.
struct Person {
    full: String,
    titled: String,
    short: String,
    country: &'static str,
}

/// One generated article.
pub struct Article {
    /// Stable id, `g{seed}-{i}`.
    pub id: String,
    /// A made-up URL on a reserved example domain.
    pub url: String,
    /// Headline.
    pub title: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// Body: paragraphs separated by blank lines.
    pub text: String,
}

impl Article {
    /// The article as one JSON Lines record (with its newline), fields in a fixed order.
    pub fn to_json_line(&self) -> String {
        let s = |v: &str| serde_json::to_string(v).expect("strings serialise");
        format!(
            "{{\"id\":{},\"url\":{},\"title\":{},\"date\":{},\"text\":{}}}\n",
            s(&self.id),
            s(&self.url),
            s(&self.title),
            s(&self.date),
            s(&self.text)
        )
    }
}

/// A seeded corpus.
pub struct Corpus {
    seed: u64,
}

impl Corpus {
    /// The corpus of `seed`.
    pub fn new(seed: u64) -> Corpus {
        Corpus { seed }
    }

    /// Article `i` (a pure function of the seed and `i`).
    pub fn article(&self, i: u64) -> Article {
        let mut r = Rng::new(self.seed, i);
        let month = r.range(1, 12);
        let day = r.range(1, 28);
        let year = 2025;
        let date = format!("{year}-{month:02}-{day:02}");
        let cast = Cast::draw(&mut r);
        let target_words = r.range(400, 700);
        let mut paragraphs: Vec<String> = Vec::new();
        let mut words = 0;
        // The lead paragraph always tells the main meeting.
        let lead = meeting_sentence(&mut r, &cast.a, &cast.b, cast.city, day, month, year);
        let lead2 = context_sentence(&mut r, &cast);
        words += count_words(&lead) + count_words(&lead2);
        paragraphs.push(format!("{lead} {lead2}"));
        while words < target_words {
            let mut p = String::new();
            for _ in 0..r.range(2, 4) {
                let s = body_sentence(&mut r, &cast, day, month, year);
                words += count_words(&s);
                if !p.is_empty() {
                    p.push(' ');
                }
                p.push_str(&s);
            }
            paragraphs.push(p);
        }
        let title = match r.below(4) {
            0 => format!(
                "{} and {} meet in {}",
                cast.a.short, cast.b.short, cast.city
            ),
            1 => format!(
                "{} holds talks with {} on {}",
                cast.a.short,
                cast.b.short,
                r.pick(TOPICS)
            ),
            2 => format!(
                "{} visit puts {} on the agenda",
                cast.a.short,
                r.pick(TOPICS)
            ),
            _ => format!(
                "Markets watch {} as {} travels to {}",
                r.pick(INDICATORS),
                cast.a.short,
                cast.city
            ),
        };
        let slug: String = title
            .to_ascii_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        Article {
            id: format!("g{}-{i:07}", self.seed),
            url: format!("https://news.example.org/{year}/{month:02}/{day:02}/{slug}-{i}"),
            title,
            date,
            text: paragraphs.join("\n\n"),
        }
    }
}

/// The people of one article: two principals, an envoy, an invented official.
struct Cast {
    a: Person,
    b: Person,
    envoy: Person,
    envoy_of: &'static str,
    official: Person,
    city: &'static str,
}

impl Cast {
    fn draw(r: &mut Rng) -> Cast {
        let ia = r.below(LEADERS.len());
        let mut ib = r.below(LEADERS.len());
        while LEADERS[ib].country == LEADERS[ia].country {
            ib = r.below(LEADERS.len());
        }
        let leader = |k: usize| Person {
            full: LEADERS[k].name.into(),
            titled: format!("{} {}", LEADERS[k].title, LEADERS[k].name),
            short: LEADERS[k].short.into(),
            country: LEADERS[k].country,
        };
        let (en, es, of, role) = *r.pick(ENVOYS);
        let envoy = Person {
            full: en.into(),
            titled: format!("{role} {en}"),
            short: es.into(),
            country: LEADERS[of].country,
        };
        let (country, demonym) = *r.pick(DEMONYM);
        let given = *r.pick(GIVEN);
        let surname = *r.pick(SURNAMES);
        let official = Person {
            full: format!("{given} {surname}"),
            titled: format!("{demonym} {} {given} {surname}", r.pick(OFFICES)),
            short: surname.into(),
            country,
        };
        let city = if r.chance(40) {
            CITIES
                .iter()
                .find(|c| c.1 == LEADERS[ib].country)
                .map_or(r.pick(CITIES).0, |c| c.0)
        } else {
            r.pick(CITIES).0
        };
        Cast {
            a: leader(ia),
            b: leader(ib),
            envoy,
            envoy_of: LEADERS[of].name,
            official,
            city,
        }
    }
}

fn count_words(s: &str) -> usize {
    s.split_whitespace().count()
}

fn when(r: &mut Rng, day: usize, month: usize, year: usize) -> String {
    match r.below(4) {
        0 => format!("on {day} {} {year}", MONTHS[month - 1]),
        1 => format!("on {} {day}", MONTHS[month - 1]),
        2 => format!("on {}", r.pick(WEEKDAYS)),
        _ => format!(
            "on {} ({} {day}, {year})",
            weekday(day, month, year),
            MONTHS[month - 1]
        ),
    }
}

/// The day of the week of a date (Sakamoto's method).
fn weekday(day: usize, month: usize, year: usize) -> &'static str {
    const T: [usize; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    const NAMES: [&str; 7] = [
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
    ];
    let y = if month < 3 { year - 1 } else { year };
    NAMES[(y + y / 4 - y / 100 + y / 400 + T[month - 1] + day) % 7]
}

fn meeting_sentence(
    r: &mut Rng,
    a: &Person,
    b: &Person,
    city: &str,
    day: usize,
    month: usize,
    year: usize,
) -> String {
    let w = when(r, day, month, year);
    let topic = r.pick(TOPICS);
    match r.below(6) {
        0 => format!("{} met {} in {city} {w}.", a.titled, b.titled),
        1 => format!(
            "{} hosted {} in {city} {w} for talks on {topic}.",
            a.titled, b.titled
        ),
        2 => format!(
            "{} held talks with {} {w} in {city}, focusing on {topic}.",
            a.titled, b.titled
        ),
        3 => format!(
            "{} and {} met in {city} {w} to discuss {topic}.",
            a.titled, b.titled
        ),
        4 => format!(
            "{} received {} at a government residence in {city} {w}.",
            a.titled, b.titled
        ),
        _ => format!(
            "{} sat down with {} in {city} {w}, officials from both sides said.",
            a.titled, b.titled
        ),
    }
}

fn context_sentence(r: &mut Rng, c: &Cast) -> String {
    let topic = r.pick(TOPICS);
    match r.below(3) {
        0 => format!(
            "The meeting was the first between the two since the spring, and it came as pressure grew over {topic}."
        ),
        1 => format!(
            "Both delegations described the talks as constructive, though neither side announced an agreement on {topic}."
        ),
        _ => format!(
            "{} was accompanied by {}, {}'s {}.",
            c.a.short,
            c.envoy.full,
            c.envoy_of,
            envoy_role(&c.envoy)
        ),
    }
}

fn envoy_role(e: &Person) -> &str {
    e.titled
        .strip_suffix(e.full.as_str())
        .map_or("envoy", str::trim)
}

fn body_sentence(r: &mut Rng, c: &Cast, day: usize, month: usize, year: usize) -> String {
    // About two in five sentences concern people; the rest is ordinary news filler.
    match r.below(20) {
        0 => meeting_sentence(r, &c.official, &c.b, c.city, day, month, year),
        1 => format!(
            "{}, a close ally of {}, met {} in {} {}.",
            c.envoy.full,
            c.envoy_of,
            c.b.full,
            c.city,
            when(r, day, month, year)
        ),
        2 => format!(
            "{} did not meet {} during the visit, a spokesperson said, citing scheduling reasons.",
            c.a.short, c.official.full
        ),
        3 => format!(
            "{} will meet {} next week in {} to prepare a possible summit.",
            c.official.titled,
            c.envoy.full,
            r.pick(CITIES).0
        ),
        4 => format!(
            "\"{},\" {} told reporters after the talks.",
            r.pick(QUOTES),
            c.a.short
        ),
        5 => format!(
            "\"{},\" said {}, who has led the delegation since January.",
            r.pick(QUOTES),
            c.official.titled
        ),
        6 => format!(
            "{} was joined by {}, a senior {} official, and by {}'s {}, {}.",
            c.b.short,
            c.official.full,
            demonym_of(c.official.country),
            c.envoy_of,
            envoy_role(&c.envoy),
            c.envoy.full
        ),
        7 => format!(
            "Earlier {}, {} spoke by phone with {} about {}.",
            r.pick(WEEKDAYS),
            c.a.titled,
            c.official.titled,
            r.pick(TOPICS)
        ),
        8 => format!(
            "{} is expected to travel to {} later this month, according to two people familiar with the plans.",
            c.b.short,
            r.pick(CITIES).0
        ),
        9 => format!(
            "The talks in {} followed weeks of contacts between {} and {} officials.",
            c.city,
            demonym_of(c.a.country),
            demonym_of(c.b.country)
        ),
        10 | 11 => economy(r),
        12 | 13 => markets(r),
        14 | 15 => politics(r),
        16 => format!(
            "Analysts said the outcome on {} would shape the agenda for the rest of the year.",
            r.pick(TOPICS)
        ),
        17 => format!(
            "{} has said repeatedly that any deal must respect international law and the interests of its partners.",
            c.b.country
        ),
        18 => {
            let k = r.below(TOPICS.len());
            format!(
                "A joint statement issued after the meeting mentioned {} and {} but gave few details.",
                TOPICS[k],
                TOPICS[(k + 1 + r.below(TOPICS.len() - 1)) % TOPICS.len()]
            )
        }
        _ => economy(r),
    }
}

fn demonym_of(country: &str) -> &str {
    DEMONYM
        .iter()
        .find(|d| d.0 == country)
        .map_or(country, |d| d.1)
}

fn pct(r: &mut Rng) -> String {
    format!("{}.{}", r.range(0, 9), r.range(0, 9))
}

fn economy(r: &mut Rng) -> String {
    let ind = r.pick(INDICATORS);
    let body = r.pick(BODIES);
    match r.below(4) {
        0 => format!(
            "Figures published by {body} showed {ind} rising {} percent in the third quarter, slightly faster than forecast.",
            pct(r)
        ),
        1 => format!(
            "{} fell to {} percent last month, its lowest level since 2021, according to {body}.",
            capitalise(ind),
            pct(r)
        ),
        2 => format!(
            "Economists polled beforehand had expected {ind} to stay broadly unchanged as higher borrowing costs weighed on demand."
        ),
        _ => format!(
            "The {} sector, which employs about {} thousand people, has been hit hardest by the slowdown.",
            r.pick(SECTORS),
            r.range(40, 900)
        ),
    }
}

fn markets(r: &mut Rng) -> String {
    match r.below(3) {
        0 => format!(
            "Stock markets ended the session {} percent higher, led by {} shares, while government bond yields edged down.",
            pct(r),
            r.pick(SECTORS)
        ),
        1 => format!(
            "The currency weakened by {} percent against the dollar before recovering some ground in late trading.",
            pct(r)
        ),
        _ => format!(
            "Oil prices rose to {} dollars a barrel on concerns about supply, before easing later in the day.",
            r.range(58, 95)
        ),
    }
}

fn politics(r: &mut Rng) -> String {
    match r.below(3) {
        0 => format!(
            "Opposition lawmakers demanded a parliamentary debate on {} and accused the government of acting without a mandate.",
            r.pick(TOPICS)
        ),
        1 => format!(
            "A poll published this week put support for the governing coalition at {} percent, down {} points from the summer.",
            r.range(21, 44),
            r.range(1, 6)
        ),
        _ => format!(
            "The budget for next year, which must still pass a final vote, includes {} billion euros for defence and infrastructure.",
            r.range(3, 60)
        ),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}
