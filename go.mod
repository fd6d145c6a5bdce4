module dagger/pnpm

go 1.24.0

require (
	github.com/Masterminds/semver/v3 v3.5.0
	github.com/bmatcuk/doublestar/v4 v4.10.4
	gopkg.in/yaml.v3 v3.0.1
)
