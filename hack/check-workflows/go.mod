module checkworkflows

go 1.24.0

require (
	gopkg.in/yaml.v3 v3.0.1
	mvdan.cc/sh/v3 v3.12.0
)
