import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Next's rules, plus the project's layers as rules rather than prose (README, "Folder map"): a file that
// crosses a boundary fails `npm run lint`. lib/eslint-zones.test.ts proves each zone catches a violation.

/** Where the database may be touched: the data layers, the migration tools, scripts and tests. */
const DATA_LAYERS = ["lib/data", "lib/search", "lib/ingest", "lib/themes", "lib/db"];

const zones = [
  {
    target: ["./app", "./components"],
    from: ["./lib/db.ts", "./lib/generated/prisma/client.ts"],
    message: "Routes and components never touch the database: call a function of lib/data (or lib/search).",
  },
  {
    target: [
      "./lib/actions",
      "./lib/api",
      "./lib/auth",
      "./lib/validation",
      "./lib/desk",
      "./lib/export",
      "./lib/jobs",
      "./lib/annotations",
      "./lib/*.ts",
    ],
    from: "./lib/db.ts",
    message: `Only ${DATA_LAYERS.join(", ")} touch the database; put the query in lib/data.`,
  },
  {
    target: "./lib/validation",
    from: "./lib",
    except: ["./validation", "./constants.ts", "./errors.ts", "./generated/prisma/enums.ts"],
    message: "lib/validation depends on zod and lib/constants only: move the limit to lib/constants.ts.",
  },
  {
    target: "./lib",
    from: ["./app", "./components"],
    message: "lib never imports routes or components.",
  },
  {
    target: ["./lib/data", "./lib/search", "./lib/themes", "./lib/validation", "./lib/ingest", "./lib/jobs"],
    from: ["./lib/actions", "./lib/api", "./lib/desk"],
    message: "A lower layer never imports actions, route helpers or desk (UI) helpers.",
  },
  {
    target: "./lib/data",
    from: ["./lib/ingest", "./lib/jobs"],
    message: "lib/data is below lib/ingest and lib/jobs: they may call it, not the other way round.",
  },
  {
    target: ["./lib/data", "./lib/search", "./lib/themes", "./lib/ingest"],
    from: "./lib/auth",
    except: ["./password.ts"],
    message: "The data layers never import lib/auth (it imports them); pass the Actor in instead.",
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    files: ["**/*.ts", "**/*.tsx"],
    rules: {
      "import/no-restricted-paths": ["error", { zones }],
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "next-auth", message: "Only lib/auth speaks to Auth.js." }],
          patterns: [{ group: ["next-auth/*"], message: "Only lib/auth speaks to Auth.js." }],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read the environment through env() from lib/env.ts, the only reader of process.env.",
        },
      ],
    },
  },
  { files: ["lib/auth/**"], rules: { "no-restricted-imports": "off" } },
  // Tests reach across layers on purpose: they set up rows directly and check what a route or action wrote.
  { files: ["**/*.test.ts", "test/**", "e2e/**"], rules: { "import/no-restricted-paths": "off" } },
  {
    // The env module itself, and tests and tools that set up environments for the processes they start.
    files: ["lib/env.ts", "**/*.test.ts", "test/**", "e2e/**", "scripts/bench/**", "*.config.ts", "*.config.mjs"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    ignores: [
      "**/.*tmp*.ts",
      ".next/**",
      "node_modules/**",
      ".data/**",
      "lib/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
    ],
  },
];

export default config;
