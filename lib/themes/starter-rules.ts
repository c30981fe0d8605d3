// Starter rules for the starter themes (lib/ingest/seed.ts), written for KCNA and Rodong Sinmun English:
// their set phrases ("gave field guidance", "test-fire", "puppet ROK") carry the subject better than
// single words. Syntax of the dashboard search: "phrase", OR, -exclude, prefix*. Weight ranks a theme's
// rules when several match: the strongest evidence is shown as the reason.
//
// Tuned on the "tune" half of test/fixtures/themes/kcna-labelled.jsonl only (`npm run bench -- --only
// themes` reports the held-out half). KCNA names the leader, the U.S., floods and factories in passing, so
// the scope says where a rule looks (lib/themes/scope.ts): words that are only news when the story is about
// them (leader's guidance, diplomacy, the U.S. and Japan, industry sectors, farming, health, nuclear
// weapons, the arts) look in the title and opening (LEAD); looser words (WPK, south Korea, flood,
// technology, "branch schools") only in the title; set phrases that name the subject wherever they stand
// ("test-fire", "Central Committee", "new houses", "reunification") and rules whose recall collapses in
// the lead (press reviews list their items deep in the body) still look anywhere.

import type { ThemeRuleScope } from "@/lib/themes/scope";

export type StarterRule = { themeSlug: string; query: string; weight: number; scope?: ThemeRuleScope };

export const STARTER_RULES: StarterRule[] = [
  {
    themeSlug: "leadership-activities",
    scope: "LEAD",
    query:
      '"Kim Jong Un" "field guidance" OR inspected OR "looked round" OR oversaw OR oversees OR watched OR supervised OR convened OR convenes',
    weight: 2,
  },
  {
    themeSlug: "leadership-activities",
    scope: "ANYWHERE",
    query: '"Respected Comrade Kim Jong Un" receives OR received OR sends OR sent OR "floral basket" OR letter',
    weight: 1,
  },

  {
    themeSlug: "party-and-ideology",
    scope: "ANYWHERE",
    query:
      '"Central Committee" plenary OR politburo OR "Political Bureau" OR congress OR "enlarged meeting" OR "founding anniversary"',
    weight: 2,
  },
  {
    themeSlug: "party-and-ideology",
    scope: "ANYWHERE",
    query:
      '"revolutionary idea" OR "party building" OR Kimilsungism OR agitprop OR "agit-prop" OR "ideological education" OR "ideological campaign" OR "revolutionary cause" OR "revolutionary battle site" OR "Supreme People\'s Assembly"',
    weight: 1,
  },
  {
    themeSlug: "party-and-ideology",
    scope: "TITLE",
    query:
      '"Workers\' Party of Korea" OR WPK OR "Rodong Sinmun calls" OR "political work" OR "Women\'s Union" OR "Youth League" OR ideolog*',
    weight: 0.5,
  },

  {
    themeSlug: "military-and-weapons-tests",
    scope: "ANYWHERE",
    query:
      '"Korean People\'s Army" OR KPA OR artillery OR "firing drill" OR "firing contest" OR "war deterrent" OR servicepersons OR "Ministry of National Defence" OR "General Staff"',
    weight: 1,
  },
  {
    themeSlug: "military-and-weapons-tests",
    scope: "ANYWHERE",
    query: '"test-fire" OR "test-fired" OR "test firing" OR "weapon system" OR "tactical guided" OR "rocket launcher"',
    weight: 2,
  },

  {
    themeSlug: "nuclear-and-missile-programmes",
    scope: "LEAD",
    query:
      '"nuclear test" OR "nuclear weapons" OR "nuclear force" OR "ballistic missile" OR ICBM OR "reconnaissance satellite"',
    weight: 2,
  },
  {
    themeSlug: "nuclear-and-missile-programmes",
    scope: "ANYWHERE",
    query: '"missile launch" OR "satellite launch" OR "rocket launch" OR denucleariz* OR "Hwasong-18" OR "Hwasong-19"',
    weight: 1,
  },

  {
    themeSlug: "foreign-affairs",
    scope: "LEAD",
    query:
      'delegation OR embassy OR ambassador OR "foreign minister" OR "Foreign Ministry" OR "floral basket" OR "from abroad"',
    weight: 1,
  },
  {
    themeSlug: "foreign-affairs",
    scope: "LEAD",
    query:
      '"greetings from" OR "message of greeting" OR "message of sympathy" OR "letter of sympathy" OR "congratulatory message" OR Israel OR Palestin* OR Ukrain* OR Russian OR Lebanon',
    weight: 0.5,
  },

  {
    themeSlug: "inter-korean-relations",
    scope: "ANYWHERE",
    query: '"north-south" OR reunification OR "Yoon Suk Yeol" OR "puppet ROK" OR "ROK puppet"',
    weight: 1,
  },
  {
    themeSlug: "inter-korean-relations",
    scope: "TITLE",
    query: '"south Korea" OR "south Korean" OR ROK OR Seoul',
    weight: 0.5,
  },

  {
    themeSlug: "the-us-and-its-allies",
    scope: "LEAD",
    query: '"U.S." OR "United States" OR Washington OR Pentagon OR NATO OR G7',
    weight: 1,
  },
  { themeSlug: "the-us-and-its-allies", scope: "LEAD", query: 'Japan OR Kishida -"Koreans in Japan"', weight: 1 },
  {
    themeSlug: "the-us-and-its-allies",
    scope: "LEAD",
    query: '"joint military" OR "joint drill" OR sanctions',
    weight: 0.5,
  },

  {
    themeSlug: "economy-and-industry",
    scope: "LEAD",
    query:
      '"coal mining" OR "power station" OR steel OR coal OR "light industry" OR "machine-building" OR railway OR "mining complex" OR smeltery OR textile',
    weight: 1,
  },
  {
    themeSlug: "economy-and-industry",
    scope: "ANYWHERE",
    query: 'factory OR factories production OR produced OR producing -"new houses"',
    weight: 1,
  },
  {
    themeSlug: "economy-and-industry",
    scope: "ANYWHERE",
    query:
      '"national economy" OR "economic plan" OR "yearly plan" OR "five-year plan" OR "consumer goods" OR "economic sectors"',
    weight: 0.5,
  },

  {
    themeSlug: "agriculture",
    scope: "LEAD",
    query:
      'farming OR harvest* OR "rice transplanting" OR crops OR livestock OR fisher* OR "arable land" OR thresher* OR sapling* OR sericulture OR cocoon* OR forestry -"new houses" -"dwelling houses" -"modern houses"',
    weight: 1,
  },

  {
    themeSlug: "construction",
    scope: "ANYWHERE",
    query:
      '"new houses" OR "dwelling houses" OR "modern houses" OR "housing construction" OR "construction project" OR "construction site" OR "completion ceremony"',
    weight: 1,
  },
  {
    themeSlug: "construction",
    scope: "TITLE",
    query:
      '"ground-breaking" OR "branch schools" OR "waterway project" OR "new street" OR "architectural information" OR "construction sector" OR "soldier-builders"',
    weight: 0.5,
  },

  {
    themeSlug: "science-and-technology",
    scope: "ANYWHERE",
    query: '"science and technology" OR "sci-tech" OR "research institute" OR "intellectual property"',
    weight: 1,
  },
  {
    themeSlug: "science-and-technology",
    scope: "TITLE",
    query: 'scientist* OR researchers OR "research group" OR "information technology" OR invention* OR technolog*',
    weight: 0.5,
  },

  {
    themeSlug: "health",
    scope: "LEAD",
    query:
      'hospital OR hospitals OR "medical service" OR "medical care" OR "medical appliances" OR pharmaceutical OR pharmacies OR "Koryo medicine" OR epidemic OR vaccin* OR "public health" OR COVID',
    weight: 1,
  },

  {
    themeSlug: "disasters-and-weather",
    scope: "ANYWHERE",
    query: '"flood-hit" OR "flood damage" OR typhoon OR "heavy rain" OR "natural disaster" OR "anti-disaster"',
    weight: 1,
  },
  {
    themeSlug: "disasters-and-weather",
    scope: "TITLE",
    query: 'flood OR floods OR drought OR earthquake OR "weather forecast" OR rainfall OR "recovery campaign"',
    weight: 0.5,
  },

  {
    themeSlug: "culture-and-sport",
    scope: "LEAD",
    query:
      '"art performance" OR "art troupe" OR "fine art" OR film OR films OR "folk song" OR "folk dance" OR heritage OR artistes',
    weight: 1,
  },
  {
    themeSlug: "culture-and-sport",
    scope: "ANYWHERE",
    query: 'sports OR football OR championship OR athletes OR Olympic OR volleyball OR "gold medal"',
    weight: 1,
  },
];
