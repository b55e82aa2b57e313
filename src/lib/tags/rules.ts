// Deterministic scene tags from a prompt: runs on every ingested attempt, so it is pure, synchronous and
// cheap (regexes compiled once at load). Each rule is a list of word patterns matched on word boundaries,
// minus the phrases that only look like them ("portrait mode" is an aspect ratio, not a face).
import type { SceneTag } from './vocabulary';

interface RuleSource {
	tag: SceneTag;
	words: string[];
	/** False friends: removed from the prompt before `words` is tried again. */
	unless?: string[];
}

const NO = '(?:no|without|avoid|free of|zero)';
const SHOWN = `(?:text|logos?|watermarks?|subtitles?|captions?|words?|letters?|signs?)`;

const SOURCES: RuleSource[] = [
	{
		tag: 'close-up',
		words: ['close[- ]?ups?|macro|ecu|tight (?:shot|framing)|(?:detail|insert) shots?'],
		unless: ['close up (?:the|shop|his|her|their)']
	},
	{
		tag: 'fine-texture',
		words: [
			'fabrics?|fur|furry|hair ?strands?|strands of hair|individual hairs|knit(?:ted|ting|wear)?',
			'wool(?:len)?|lace|velvet|silk|tweed|denim|fleece|embroider(?:y|ed)|feathers?|textures?|textured',
			'woven|yarn|chain ?mail|sequins?|intricate (?:detail|pattern)s?',
			'(?:flowing|curly|frizzy|windswept|wind-swept) hair'
		],
		unless: ['texture packs?|fabric of|lace[sd]? up']
	},
	{
		tag: 'high-motion',
		words: [
			'run(?:s|ning)?|runners?|sprint(?:s|ing|ers?)?|chas(?:e|es|ed|ing)|rac(?:e|es|ing)',
			'fast[- ](?:pan|paced|moving|motion|action|tracking)|whip[- ]?pans?',
			'fight(?:s|ing|ers?)?|jump(?:s|ing|ed)?|leap(?:s|ing)?|danc(?:e|es|ing|ers?)|stunts?',
			'explo(?:sion|sions|des|ding)|crash(?:es|ing)?|skateboard(?:s|ing|ers?)?|parkour|fpv|duels?',
			'gallop(?:s|ing)?|speeding|spinning|tumbl(?:e|es|ing)|acrobatics?|action (?:scene|sequence|shot)s?'
		],
		unless: [
			'running (?:water|tap|faucet|stream|time|gag|joke)|(?:long|short)[- ]running|run[- ]down',
			'human race|jump[- ]cuts?'
		]
	},
	{
		tag: 'complex-scene',
		words: [
			'crowds?|crowded|(?:hundreds|thousands|dozens|millions) of|bustling|throngs?|many people',
			'busy (?:streets?|markets?|marketplace|intersection|city|station|square|airport|road)',
			'parades?|festivals?|stadium|rush hour|traffic|battlefield|battles?|arm(?:y|ies)|marching band',
			'swarms?|flocks?|herds?|sea of|packed with',
			'group of (?:people|friends|children|kids|dancers|soldiers|tourists)'
		],
		unless: ['traffic (?:lights?|cones?|signs?)']
	},
	{
		tag: 'face',
		words: [
			'faces?|facial|portraits?|headshots?|talking heads?|lip[- ]?sync(?:ed|ing)?|selfies?',
			'smil(?:e|es|ing)|eyes?|eyelash(?:es)?|eyebrows?|blink(?:s|ing)?|freckles'
		],
		unless: [
			'portrait (?:orientation|mode|format|aspect|ratio|video|frame|crop)|(?:vertical|9:16) portrait',
			'(?:rock|cliff|clock|mountain|north|coal) faces?|face[- ](?:down|off)',
			"(?:bird|fish)s?(?:'s?)?[- ]eye|eye[- ]level|eye of the storm|naked eye"
		]
	},
	{
		tag: 'hands',
		words: [
			'hands?|fingers?|fingertips?|fists?|palms?|handshakes?|typing|knitting|clapping|kneading',
			'playing (?:the )?(?:piano|guitar|violin|cello|harp|drums)|(?:pianist|guitarist)s?',
			'sign language|juggl(?:e|es|ing|ers?)|sculpting|chopsticks'
		],
		unless: [
			'hand[- ]?(?:held|drawn|painted|crafted|made|written|picked|tinted|lettered)',
			'(?:first|second|hour|minute)[- ]hands?|on the other hand|hands[- ]free',
			'palm (?:trees?|fronds?|oil|springs)'
		]
	},
	{
		tag: 'text-in-frame',
		words: [
			'text|signs?|signage|logos?|lettering|typography|captions?|subtitles?|headlines?|title cards?',
			'billboards?|labels?|newspapers?|(?:score|chalk|white|menu)boards?|(?:license|number) plates?',
			'handwritten|handwriting|calligraphy|graffiti|banners?|posters?',
			'(?:phone|computer|laptop|tv|television) screens?',
			`(?:reads|reading|says|saying|spelling out|the words?|titled)\\s*:?\\s*["“']\\w+`
		],
		unless: [`${NO} (?:any )?${SHOWN}(?:,? (?:or|and|no) ${SHOWN})*`, 'sign language|signs? of']
	},
	{
		tag: 'low-light',
		words: [
			'night(?:s|time)?|midnight|dark(?:ness|ened)?|dim(?:ly)?(?:[- ]lit)?|low[- ]?light',
			'low[- ]key (?:light|lighting)|candle(?:s|lit|light)?|candle[- ]lit|moon(?:lit|light)',
			'twilight|dusk|blue hour|pitch[- ]black|shadowy|noir|torch(?:lit|light)|lantern(?:s|[- ]lit)?',
			'starlit|starry sky|neon[- ]lit|after dark|nocturnal'
		],
		unless: [
			'dark(?:er)?[- ](?:hair(?:ed)?|skin(?:ned)?|chocolate|humou?r|comedy|matter|mode|academia)',
			'dark(?:er)?[- ](?:green|blue|red|brown|grey|gray|purple|wood|suit|eyes|eyed)|dim sum'
		]
	},
	{
		tag: 'fluids',
		words: [
			'water|waters|watery|underwater|waterfalls?|oceans?|seas?|waves?|surf(?:ing|ers?)?|rivers?',
			'lakes?|ponds?|rain(?:s|ing|y|drops?|fall|storms?)?|splash(?:es|ing)?|pour(?:s|ing|ed)?',
			'liquids?|drips?|dripping|puddles?|smoke|smoky|smoking|steam(?:s|ing|y)?|fires?|flames?',
			'burning|(?:camp|bon)fires?|fireplace|lava|fountains?'
		],
		unless: ['water[- ]?colou?rs?|waves? (?:hello|goodbye|at|to)|sea of|steampunk|rain check|surf the web']
	},
	{
		tag: 'animals',
		words: [
			'animals?|wildlife|dogs?|pupp(?:y|ies)|cats?|kittens?|horses?|birds?|fish(?:es)?|whales?',
			'dolphins?|sharks?|tigers?|lions?|elephants?|bears?|wol(?:f|ves)|fox(?:es)?|deer|rabbits?',
			'bunn(?:y|ies)|monkeys?|owls?|eagles?|butterfl(?:y|ies)|bees?|insects?|spiders?|snakes?|cows?',
			'sheep|pigs?|chickens?|ducks?|penguins?|giraffes?|zebras?|pets?|cattle|goats?|octop(?:us|i|uses)',
			'jellyfish|dinosaurs?|(?:retriever|labrador|poodle|terrier|corgi)s?'
		],
		unless: [
			"birds?(?:'s?)?[- ]eye|hot ?dogs?|cat[- ]?walks?|fish[- ]eye|teddy bears?",
			'bears? (?:witness|in mind|no)'
		]
	},
	{
		tag: 'landscape',
		words: [
			'landscapes?|vistas?|panoram(?:a|as|ic)|aerial|drone (?:shot|footage|view)|mountains?',
			'mountainous|valleys?|deserts?|dunes?|forests?|jungles?|canyons?|meadows?|countryside',
			'rolling hills|hillsides?|coastlines?|cliffs?|glaciers?|tundra|savannah?|prairies?|fjords?',
			'wilderness|beach(?:es)?|islands?|volcano(?:es|s)?|horizon',
			'(?:wheat|rice|corn|flower|lavender|poppy|sunflower|tulip) fields?'
		],
		unless: [
			'landscape (?:orientation|mode|format|aspect|ratio|video|frame|crop)|(?:horizontal|16:9) landscape'
		]
	},
	{
		tag: 'interior',
		words: [
			'interiors?|indoors?|rooms?|(?:living|dining|bed|bath|class|ball|court)rooms?|(?:living|dining) rooms?',
			'kitchens?|offices?|hallways?|corridors?|lobb(?:y|ies)|restaurants?|cafes?|pubs?|diners?',
			'(?:cocktail|dive|sports|hotel|wine) bars?|librar(?:y|ies)|warehouses?|museums?|galler(?:y|ies)',
			'apartments?|lofts?|garages?|basements?|attics?|gyms?|supermarkets?|malls?|elevators?|cellars?',
			'staircases?|stairwells?|factor(?:y|ies)|laborator(?:y|ies)|nightclubs?|cockpits?'
		],
		unless: ['room (?:for|tone)|elbow room']
	},
	{
		tag: 'slow-motion',
		words: [
			'slow[- ]?mo(?:tion)?|slo[- ]?mo|high[- ]speed (?:camera|footage|shot|cinematography)',
			'(?:120|240|480|960|1000) ?fps|phantom (?:camera|flex)|bullet[- ]time|super[- ]slow'
		]
	},
	{
		tag: 'animation',
		words: [
			'animat(?:ed|ion|ions)|anime|cartoon(?:s|ish|y)?|pixar(?:-style)?|claymation|stop[- ]motion',
			'cel[- ]shad(?:ed|ing)|2d|3d (?:render|rendered|animation|cartoon|character)|cgi|low[- ]poly',
			'pixel[- ]art|illustrat(?:ed|ion|ions)|motion graphics|ghibli|hand[- ]drawn|isometric',
			'watercolou?r (?:style|animation|painting|illustration)|comic[- ]book style|vector art',
			'paper[- ]?cut(?:outs?)?'
		],
		unless: ['animated (?:conversation|discussion|debate|argument|gestures?|chat)']
	},
	{
		tag: 'product',
		words: [
			'products?|pack ?shots?|commercials?|adverts?|advertisements?|ads|e-?commerce|unboxing',
			'turntable|hero shots?|on a pedestal|packaging|merchandise'
		],
		unless: [
			'by[- ]products?|product (?:manager|owner|team|roadmap|designer)',
			'commercial (?:district|building|airline|pilot|flight|street|zone|area|real estate)'
		]
	}
];

const anyOf = (parts: string[], flags: string) => new RegExp(`\\b(?:${parts.join('|')})\\b`, flags);

const RULES = SOURCES.map((s) => ({
	tag: s.tag,
	include: anyOf(s.words, 'i'),
	exclude: s.unless ? anyOf(s.unless, 'gi') : undefined
}));

// Accents, typographic dashes and quotes, so "café", "close‑up" and "bird’s-eye" meet the patterns above
// (\b only knows ASCII letters).
const normalise = (prompt: string) =>
	prompt
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[\u2010-\u2015]/g, '-')
		.replace(/[\u2018\u2019]/g, "'");

/** The vocabulary tags a prompt mentions, sorted and unique. */
export function inferTags(prompt: string): SceneTag[] {
	const text = normalise(prompt);
	const tags: SceneTag[] = [];
	for (const rule of RULES) {
		if (!rule.include.test(text)) continue;
		if (rule.exclude && !rule.include.test(text.replace(rule.exclude, ' '))) continue;
		tags.push(rule.tag);
	}
	return tags.sort();
}
