package main

// Private registries, against a real one: a verdaccio that wants a logged-in
// user for every package (the private @acme/greeting, published from
// testdata/private/registry, and ms, proxied from npmjs), and the fixture
// testdata/private/workspace whose app needs both.

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"dagger/tests/internal/dagger"
)

const (
	// verdaccioVersion is pinned so the registry behaves the same each run.
	verdaccioVersion = "6.10.4"
	verdaccioPort    = 4873
	// privateAnswer is what the fixture app says when @acme/greeting came
	// from the registry and ms through it.
	privateAnswer = "hello app from @acme/greeting 1.0.0, ms 1m"
)

// verdaccioPackage installs verdaccio from a package.json, not `npm i -g`:
// the npm registry reachable from the test engine lacks the "cjs" dist-tag
// of node-fetch that verdaccio-audit asks for, and only a package.json can
// override it (2.7.0 is the version that tag names).
const verdaccioPackage = `{"private": true, "dependencies": {"verdaccio": "` + verdaccioVersion + `"},
 "overrides": {"node-fetch": "2.7.0"}}`

// seedRegistry creates a user through verdaccio's login API, publishes the
// private package with its token, and prints the token.
const seedRegistry = `set -eu
token=$(node -e '
fetch("http://" + process.env.HOST + "/-/user/org.couchdb.user:ci", {
  method: "PUT", headers: {"content-type": "application/json"},
  body: JSON.stringify({name: "ci", password: "ci-" + Date.now()}),
}).then(r => r.json()).then(j => {
  if (!j.token) throw new Error("no token: " + JSON.stringify(j));
  process.stdout.write(j.token);
})')
printf '//%s/:_authToken=%s\n' "$HOST" "$token" > "$HOME/.npmrc"
npm publish --registry "http://$HOST/" /pkg/acme-greeting-1.0.0.tgz >&2
printf %s "$token"`

// privateRegistry is a running, seeded verdaccio.
type privateRegistry struct {
	// host is "host:port", as the module's containers reach it.
	host  string
	token *dagger.Secret
	// run tells this run's store volumes apart: a download that ran in an
	// earlier run must not make a case pass.
	run string
}

var (
	registryOnce sync.Once
	registry     *privateRegistry
	registryErr  error
)

// privateRegistry starts and seeds verdaccio once for all cases of a run.
// It is started, not bound: the module's containers reach a started service
// by its endpoint, so the module needs no service argument.
func (t *Tests) privateRegistry(ctx context.Context) (*privateRegistry, error) {
	registryOnce.Do(func() {
		registry, registryErr = t.startRegistry(ctx)
	})
	return registry, registryErr
}

func (t *Tests) startRegistry(ctx context.Context) (*privateRegistry, error) {
	files := t.Testdata.Directory("private/registry")
	svc, err := dag.Container().From("node:22-slim").
		WithWorkdir("/opt/verdaccio").
		WithNewFile("package.json", verdaccioPackage).
		WithExec([]string{"npm", "install", "--no-fund", "--no-audit"}).
		WithFile("/verdaccio/config.yaml", files.File("config.yaml")).
		WithExposedPort(verdaccioPort).
		AsService(dagger.ContainerAsServiceOpts{Args: []string{
			"node_modules/.bin/verdaccio", "--config", "/verdaccio/config.yaml",
			"--listen", "0.0.0.0:" + strconv.Itoa(verdaccioPort)}}).
		Start(ctx)
	if err != nil {
		return nil, fmt.Errorf("starting verdaccio: %w", err)
	}
	host, err := svc.Endpoint(ctx, dagger.ServiceEndpointOpts{Port: verdaccioPort})
	if err != nil {
		return nil, err
	}
	token, err := dag.Container().From("node:22-slim").
		WithFile("/pkg/acme-greeting-1.0.0.tgz", files.File("acme-greeting-1.0.0.tgz")).
		WithEnvVariable("HOST", host).
		WithEnvVariable("SEEDED_AT", time.Now().String()).
		WithExec([]string{"sh", "-c", seedRegistry}).
		Stdout(ctx)
	if err != nil {
		return nil, fmt.Errorf("seeding verdaccio at %s: %w", host, err)
	}
	// Secrets are cached by name: a name of this run keeps an earlier
	// run's token out of every step of this one.
	run := strconv.FormatInt(time.Now().UnixNano(), 36)
	return &privateRegistry{
		host:  host,
		token: dag.SetSecret("private-registry-token-"+run, token),
		run:   run,
	}, nil
}

// workspace is the fixture with its .npmrc pointed at the running registry;
// withToken keeps the ${NPM_TOKEN} line of the committed file.
func (r *privateRegistry) workspace(t *Tests, withToken bool) *dagger.Directory {
	npmrc := fmt.Sprintf("registry=http://%s/\n", r.host)
	if withToken {
		npmrc += fmt.Sprintf("//%s/:_authToken=${NPM_TOKEN}\n", r.host)
	}
	return t.fixture("private/workspace").WithNewFile(".npmrc", npmrc)
}

// store is an empty store volume of this run, so the case really downloads.
func (r *privateRegistry) store(name string) *dagger.CacheVolume {
	return dag.CacheVolume("registry-test-" + r.run + "-" + name)
}

func (t *Tests) registryCases() []testCase {
	var cases []testCase
	for _, v := range []string{"9.15.9", "10.34.9", "11.28.11", "12.4.2"} {
		cases = append(cases, testCase{
			name: "private registry: --npm-token and ${NPM_TOKEN} in the workspace .npmrc, pnpm " + v,
			run: func(ctx context.Context) error {
				return t.privateBuild(ctx, v, true)
			},
		})
	}
	for _, v := range []string{"10.34.9", "12.4.2"} {
		cases = append(cases, testCase{
			name: "private registry: --npmrc as a secret, pnpm " + v,
			run: func(ctx context.Context) error {
				return t.privateBuild(ctx, v, false)
			},
		})
	}
	return append(cases,
		testCase{"private registry: no credentials at all, pnpm 10: the 401, the registry and the fix", func(ctx context.Context) error {
			return t.privateNoToken(ctx, "10.34.9", false, "401", "http://HOST/ refused the download")
		}},
		// pnpm 9 and 10 drop an .npmrc whose ${...} they cannot expand
		// and ask registry.npmjs.org, which answers 404: the error must
		// name the missing variable instead.
		testCase{"private registry: ${NPM_TOKEN} without --npm-token, pnpm 10: names the unset variable and the fix", func(ctx context.Context) error {
			return t.privateNoToken(ctx, "10.34.9", true, "${NPM_TOKEN}, which is not set")
		}},
		testCase{"private registry: ${NPM_TOKEN} without --npm-token, pnpm 12: the 401, the registry and the fix", func(ctx context.Context) error {
			return t.privateNoToken(ctx, "12.4.2", true, "401", "http://HOST/ refused the download")
		}},
		testCase{"private registry: the token is in no layer of the image or builder, nor in prod-deps or the store", t.tokenInNoLayer},
		testCase{"private registry: a token written into the workspace .npmrc builds, and is in no layer, prod-deps or the store", t.npmrcTokenInNoLayer},
	)
}

// module is the pnpm module with the registry's token as --npm-token
// (tokenOption) or inside a --npmrc secret, and a store volume of its own.
func (r *privateRegistry) module(ctx context.Context, pnpm string, tokenOption bool) (*dagger.Pnpm, error) {
	opts := dagger.PnpmOpts{PnpmVersion: pnpm, StoreCache: r.store(pnpm + "-npm-token")}
	if tokenOption {
		opts.NpmToken = r.token
		return dag.Pnpm(opts), nil
	}
	token, err := r.token.Plaintext(ctx)
	if err != nil {
		return nil, err
	}
	opts.StoreCache = r.store(pnpm + "-npmrc")
	opts.Npmrc = dag.SetSecret("private-registry-npmrc-"+r.run,
		fmt.Sprintf("registry=http://%s/\n//%s/:_authToken=%s\n", r.host, r.host, token))
	return dag.Pnpm(opts), nil
}

// privateBuild builds and runs the app with the token given as --npm-token
// (tokenOption) or inside a --npmrc secret.
func (t *Tests) privateBuild(ctx context.Context, pnpm string, tokenOption bool) error {
	r, err := t.privateRegistry(ctx)
	if err != nil {
		return err
	}
	mod, err := r.module(ctx, pnpm, tokenOption)
	if err != nil {
		return err
	}
	image := mod.Build(dagger.PnpmBuildOpts{Src: r.workspace(t, tokenOption), App: "app"})
	body, err := get(ctx, image, 8000)
	if err != nil {
		return err
	}
	return expectContains("response", body, privateAnswer)
}

// privateNoToken builds without any credentials: the registry refuses,
// and the error says which registry and how to fix it. With tokenLine the
// workspace's .npmrc refers to ${NPM_TOKEN}, which pnpm cannot expand.
func (t *Tests) privateNoToken(ctx context.Context, pnpm string, tokenLine bool, want ...string) error {
	r, err := t.privateRegistry(ctx)
	if err != nil {
		return err
	}
	_, err = dag.Pnpm(dagger.PnpmOpts{PnpmVersion: pnpm, StoreCache: r.store(pnpm + "-no-token")}).
		Build(dagger.PnpmBuildOpts{Src: r.workspace(t, tokenLine), App: "app"}).
		Sync(ctx)
	if err == nil {
		return fmt.Errorf("built without a token")
	}
	for i, w := range want {
		want[i] = strings.ReplaceAll(w, "HOST", r.host)
	}
	return expectContains("error", err.Error(), append(want, "install stage", "--npm-token", "--npmrc")...)
}

// findToken lists, one line each, the blobs of an OCI tarball (/image.tar)
// and the files under /scan that hold $TOKEN; layers are searched
// uncompressed. The last line counts the blobs read.
const findToken = `set -eu
mkdir /oci
if [ -f /image.tar ]; then tar -xf /image.tar -C /oci; fi
n=0
for b in /oci/blobs/sha256/*; do
  [ -f "$b" ] || continue
  n=$((n+1))
  if { gzip -dc "$b" 2>/dev/null || cat "$b"; } | grep -qaF -- "$TOKEN"; then echo "token in blob $b"; fi
done
if [ -d /scan ]; then grep -rlaF -- "$TOKEN" /scan || true; fi
echo "$n blobs"`

// scan returns the findToken report for an image and, or, a directory.
func scan(ctx context.Context, token *dagger.Secret, image *dagger.File, dir *dagger.Directory) (string, error) {
	ctr := dag.Container().From("node:22-slim").
		WithSecretVariable("TOKEN", token).
		WithEnvVariable("SCANNED_AT", time.Now().String())
	if image != nil {
		ctr = ctr.WithFile("/image.tar", image)
	}
	if dir != nil {
		ctr = ctr.WithDirectory("/scan", dir)
	}
	return ctr.WithExec([]string{"sh", "-c", findToken}).Stdout(ctx)
}

// tokenInNoLayer builds with --npm-token, then searches every layer of the
// image and of the build stage, the deployed files and the store volume for
// the token's bytes. A control image that does hold the token proves the
// search finds it.
func (t *Tests) tokenInNoLayer(ctx context.Context) error {
	r, err := t.privateRegistry(ctx)
	if err != nil {
		return err
	}
	// The same build as the --npm-token case of pnpm 10, so it runs once.
	mod, err := r.module(ctx, "10.34.9", true)
	if err != nil {
		return err
	}
	return r.noTokenIn(ctx, mod, r.workspace(t, true), r.store("10.34.9-npm-token"))
}

// npmrcTokenInNoLayer is a CI script's way: the token itself written into
// the workspace's .npmrc. The module reads that file as a secret: the build
// must work (the install saw the token) and leave the token nowhere.
func (t *Tests) npmrcTokenInNoLayer(ctx context.Context) error {
	r, err := t.privateRegistry(ctx)
	if err != nil {
		return err
	}
	token, err := r.token.Plaintext(ctx)
	if err != nil {
		return err
	}
	src := t.fixture("private/workspace").WithNewFile(".npmrc",
		fmt.Sprintf("registry=http://%s/\n//%s/:_authToken=%s\n", r.host, r.host, token))
	store := r.store("10.34.9-literal-npmrc")
	mod := dag.Pnpm(dagger.PnpmOpts{PnpmVersion: "10.34.9", StoreCache: store})
	body, err := get(ctx, mod.Build(dagger.PnpmBuildOpts{Src: src, App: "app"}), 8000)
	if err != nil {
		return err
	}
	if err := expectContains("response", body, privateAnswer); err != nil {
		return err
	}
	return r.noTokenIn(ctx, mod, src, store)
}

// noTokenIn searches the image and the build stage of src's app (every
// layer), its deployed files and the store volume for the token, after
// proving with a control image that the search finds it.
func (r *privateRegistry) noTokenIn(ctx context.Context, mod *dagger.Pnpm, src *dagger.Directory, store *dagger.CacheVolume) error {
	control := dag.Container().From("node:22-slim").
		WithSecretVariable("TOKEN", r.token).
		WithEnvVariable("LEAKED_AT", r.run).
		WithExec([]string{"sh", "-c", `printf 'leaked %s' "$TOKEN" > /leak`})
	report, err := scan(ctx, r.token, control.AsTarball(), nil)
	if err != nil {
		return err
	}
	if !strings.Contains(report, "token in blob") {
		return fmt.Errorf("the search missed the token in the control image: %s", report)
	}
	targets := []struct {
		what  string
		image *dagger.File
		dir   *dagger.Directory
	}{
		{"image", mod.Build(dagger.PnpmBuildOpts{Src: src, App: "app"}).AsTarball(), nil},
		{"builder", mod.Builder(dagger.PnpmBuilderOpts{Src: src, App: "app"}).AsTarball(), nil},
		{"prod-deps", nil, mod.ProdDeps(dagger.PnpmProdDepsOpts{Src: src, App: "app"})},
		{"store volume", nil, dag.Container().From("node:22-slim").
			WithMountedCache("/pnpm", store).
			WithEnvVariable("COPIED_AT", time.Now().String()).
			WithExec([]string{"cp", "-r", "/pnpm", "/copy"}).
			Directory("/copy")},
	}
	for _, target := range targets {
		report, err := scan(ctx, r.token, target.image, target.dir)
		if err != nil {
			return fmt.Errorf("%s: %w", target.what, err)
		}
		if strings.Contains(report, "/") || (target.image != nil && strings.HasPrefix(report, "0 blobs")) {
			return fmt.Errorf("%s: %s", target.what, report)
		}
	}
	return nil
}
