package workspace

import (
	"strings"
	"testing"
)

// Start commands whose program the image has: no StartProblem.
func TestStartCheckPasses(t *testing.T) {
	for _, c := range []struct {
		name      string
		start     string
		dev, deps obj
		scripts   []string // more scripts, as name/text pairs
	}{
		{"node with typescript as a dev dependency", "node dist/index.js", obj{"typescript": "5.9.3"}, nil, nil},
		{"tsx as a dependency", "tsx src/index.ts", nil, obj{"tsx": "4.19.2"}, nil},
		{"tsx in both", "npx tsx src/index.ts", obj{"tsx": "4.19.2"}, obj{"tsx": "4.19.2"}, nil},
		{"typescript as a dependency provides tsc", "tsc && node dist/index.js", nil, obj{"typescript": "5.9.3"}, nil},
		{"next as a dependency", "next start -p 3000", nil, obj{"next": "14.2.35"}, nil},
		{"serve as a dependency", "serve -s dist -l 8000", obj{"typescript": "5.9.3"}, obj{"serve": "14.2.4"}, nil},
		{"cross-env and node as dependencies", "cross-env NODE_ENV=production node dist/index.js", nil, obj{"cross-env": "7.0.3"}, nil},
		{"a binary no package declares", "my-cli serve", obj{"typescript": "5.9.3"}, nil, nil},
		{"a shell script", "sh ./start.sh", obj{"tsx": "4.19.2"}, nil, nil},
		{"a preload that is a dependency", "node -r dotenv/config dist/index.js", obj{"typescript": "5.9.3"}, obj{"dotenv": "16.4.7"}, nil},
		{"a relative preload", "node --import ./otel.mjs dist/index.js", obj{"tsx": "4.19.2"}, nil, nil},
		{"a dynamic program", "$RUNNER dist/index.js", obj{"tsx": "4.19.2"}, nil, nil},
		{"serve through npx, as a dependency", "npx --yes serve@14 -s dist", nil, obj{"serve": "14.2.4"}, nil},
		{"a scoped binary through npm exec, as a dependency", "npm exec -- @acme/cli@1 serve", nil, obj{"@acme/cli": "1.0.0"}, nil},
		{"a path through npx", "npx ./bin/start.js", obj{"tsx": "4.19.2"}, nil, nil},
		{"a postinstall whose program is a dependency", "node dist/index.js", nil, obj{"prisma": "6.19.0"}, []string{"postinstall", "prisma generate"}},
		{"a prepare that tolerates failing", "node dist/index.js", obj{"husky": "9.1.7", "is-ci": "4.1.0"}, nil, []string{"prepare", "is-ci || husky"}},
		{"a postinstall that runs node", "node dist/index.js", obj{"tsx": "4.19.2"}, nil, []string{"postinstall", "node scripts/postinstall.js"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, err := withStart(c.start, c.dev, c.deps, c.scripts...).load(t).App("")
			if err != nil {
				t.Fatalf("App: %v", err)
			}
			if a.StartProblem != nil || a.Check() != nil {
				t.Errorf("StartProblem = %v", a.StartProblem)
			}
		})
	}
}

// Apps is a listing: it shows every app, the broken ones with their
// StartProblem, while App (building) fails.
func TestAppsListStartProblems(t *testing.T) {
	w := monorepo().with("packages/app2/package.json", pkg("app2", obj{"version": "1.0.0",
		"scripts":         obj{"start": "tsx src/index.ts"},
		"dependencies":    obj{"common": "workspace:^"},
		"devDependencies": obj{"tsx": "4.19.2"}})).locked().load(t)
	apps, err := w.Apps()
	if err != nil {
		t.Fatal(err)
	}
	if len(apps) != 2 || apps[0].StartProblem != nil || apps[1].StartProblem == nil {
		t.Fatalf("Apps() = %v, problems %v / %v", appNames(apps), apps[0].StartProblem, apps[1].StartProblem)
	}
	if err := apps[1].Check(); err == nil || asError(t, err).File != "packages/app2/package.json" {
		t.Errorf("Check() = %v", err)
	}
	byName, err := w.Apps("app2")
	if err != nil || byName[0].StartProblem == nil {
		t.Errorf("Apps(app2) = %v, %v", byName, err)
	}
	if _, err := w.App("app2"); err == nil || !strings.Contains(err.Error(), "runs tsx") {
		t.Errorf("App(app2) = %v", err)
	}
	if _, err := w.App("app1"); err != nil {
		t.Errorf("App(app1) = %v", err)
	}
}
