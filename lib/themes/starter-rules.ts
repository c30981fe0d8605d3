// Starter rules for the starter themes (lib/data/seed.ts), written for KCNA and Rodong Sinmun English:
// their set phrases ("gave field guidance", "test-fire", "puppet forces") carry the subject better than
// single words. Syntax of the dashboard search: "phrase", OR, -exclude, prefix*. Weight ranks a theme's
// rules when several match: the strongest evidence is shown as the reason.

export type StarterRule = { themeSlug: string; query: string; weight: number };

export const STARTER_RULES: StarterRule[] = [
  { themeSlug: "leadership-activities", query: '"Kim Jong Un" "field guidance" OR inspected OR "looked round" OR oversaw OR oversees OR watched OR supervised OR convened OR convenes', weight: 2 },
  { themeSlug: "leadership-activities", query: '"Respected Comrade Kim Jong Un" receives OR received OR sends OR sent OR "floral basket" OR letter', weight: 1 },

  { themeSlug: "party-and-ideology", query: '"Central Committee" plenary OR politburo OR congress OR "enlarged meeting" OR "founding anniversary"', weight: 2 },
  { themeSlug: "party-and-ideology", query: '"Rodong Sinmun" calls OR "revolutionary idea" OR "party building" OR Kimilsungism', weight: 1 },

  { themeSlug: "military-and-weapons-tests", query: '"Korean People\'s Army" OR KPA OR artillery OR drill OR "firing contest" OR "war deterrent" OR servicepersons', weight: 1 },
  { themeSlug: "military-and-weapons-tests", query: '"test-fire" OR "test-fired" OR "test firing" OR "weapon system" OR "tactical guided"', weight: 2 },

  { themeSlug: "nuclear-and-missile-programmes", query: '"nuclear test" OR "nuclear weapons" OR "nuclear force" OR "ballistic missile" OR ICBM OR Hwasong OR "reconnaissance satellite"', weight: 2 },
  { themeSlug: "nuclear-and-missile-programmes", query: '"missile launch" OR "satellite launch" OR "rocket launch" OR denucleariz*', weight: 1 },

  { themeSlug: "foreign-affairs", query: 'delegation OR embassy OR ambassador OR "foreign minister" OR "Foreign Ministry" OR abroad OR "floral basket"', weight: 1 },
  { themeSlug: "foreign-affairs", query: 'greetings OR "message of sympathy" OR "congratulatory message" OR solidarity -"Korean People\'s Army"', weight: 0.5 },

  { themeSlug: "inter-korean-relations", query: '"south Korea" OR "south Korean" OR ROK OR puppet OR "north-south" OR reunification OR Seoul', weight: 1 },

  { themeSlug: "the-us-and-its-allies", query: '"U.S." OR "United States" OR Washington OR Pentagon OR Japan OR NATO', weight: 1 },
  { themeSlug: "the-us-and-its-allies", query: '"joint military" OR "joint drill" OR sanctions OR imperialist*', weight: 0.5 },

  { themeSlug: "economy-and-industry", query: 'factory OR factories OR mine OR "coal mining" OR "power station" OR steel OR coal OR "light industry" OR "machine-building" OR railway', weight: 1 },
  { themeSlug: "economy-and-industry", query: '"national economy" OR "economic plan" OR "yearly plan" OR "five-year plan" OR "consumer goods"', weight: 0.5 },

  { themeSlug: "agriculture", query: 'farming OR harvest* OR "rice transplanting" OR crops OR livestock OR fisher* OR "arable land" OR thresher* OR sapling*', weight: 1 },

  { themeSlug: "construction", query: '"new houses" OR "dwelling houses" OR "housing construction" OR "construction project" OR "construction site" OR "completion ceremony"', weight: 1 },
  { themeSlug: "construction", query: '"ground-breaking" OR "branch schools" OR remodeled OR "waterway project"', weight: 0.5 },

  { themeSlug: "science-and-technology", query: 'scientist* OR "science and technology" OR "sci-tech" OR research OR "information technology" OR invention*', weight: 1 },

  { themeSlug: "health", query: 'hospital OR "medical service" OR medicine OR epidemic OR vaccin* OR "public health" OR COVID', weight: 1 },

  { themeSlug: "disasters-and-weather", query: 'flood OR floods OR "flood-hit" OR "flood damage" OR typhoon OR drought OR "heavy rain" OR earthquake OR "natural disaster" OR "weather forecast"', weight: 1 },

  { themeSlug: "culture-and-sport", query: '"art performance" OR concert OR film OR "art troupe" OR museum OR "folk song" OR heritage', weight: 1 },
  { themeSlug: "culture-and-sport", query: 'sports OR football OR championship OR athletes OR Olympic', weight: 1 },
];
