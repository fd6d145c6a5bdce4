package workspace

import (
	"strings"

	"github.com/BurntSushi/toml"
)

// Version managers that pin Node for a whole repository besides nvm's
// .nvmrc and the .node-version file: asdf's .tool-versions and mise's
// mise.toml (which also reads the other three). A repository that pins
// Node only there is built on that Node, as its developers run it.

// toolVersionsNode is the Node version a .tool-versions names (the first
// of the nodejs or node line, asdf's primary version) and its line; ok is
// false when it names none.
func toolVersionsNode(data string) (version string, line int, ok bool) {
	for i, l := range strings.Split(data, "\n") {
		l, _, _ = strings.Cut(l, "#")
		fields := strings.Fields(l)
		if len(fields) >= 2 && (fields[0] == "nodejs" || fields[0] == "node") {
			return fields[1], i + 1, true
		}
	}
	return "", 0, false
}

// miseNode is the Node version mise.toml's [tools] names: node = "22",
// node = ["22", "20"] (the first), or node = { version = "22" }; a
// "prefix:" version is the prefix. ok is false when it names none.
func miseNode(data string) (version string, line int, ok bool, err error) {
	var config struct {
		Tools map[string]any `toml:"tools"`
	}
	meta, err := toml.Decode(data, &config)
	if err != nil {
		return "", 0, false, err
	}
	for _, key := range []string{"node", "nodejs"} {
		v, found := config.Tools[key]
		if !found {
			continue
		}
		switch t := v.(type) {
		case []any:
			if len(t) > 0 {
				v = t[0]
			}
		case map[string]any:
			v = t["version"]
		}
		s, isString := v.(string)
		if !isString {
			continue
		}
		if key := (toml.Key{"tools", key}); meta.IsDefined(key...) {
			line = tomlLine(data, key[1])
		}
		return strings.TrimPrefix(s, "prefix:"), line, true, nil
	}
	return "", 0, false, nil
}

// tomlLine is the 1-based line of the first `key =` in a [tools] table,
// for messages; 0 when not found.
func tomlLine(data, key string) int {
	inTools := false
	for i, l := range strings.Split(data, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "[") {
			inTools = t == "[tools]"
			continue
		}
		if name, _, found := strings.Cut(t, "="); inTools && found && strings.Trim(strings.TrimSpace(name), `"'`) == key {
			return i + 1
		}
	}
	return 0
}
