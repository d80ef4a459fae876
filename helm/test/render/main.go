// Command render is a stand-in for `helm template` on machines without Helm (none can be
// downloaded on the project's machines): it renders a chart with Go's text/template and
// Sprig, the two libraries Helm's engine is made of, plus Helm's own template functions
// (include, tpl, required, fail, toYaml, fromYaml, lookup answering "not found" as in
// `helm template`). It is not Helm: it checks the templates' syntax and the rendered YAML,
// not Helm's chart schema rules. helm/test/lint.sh builds and runs it.
//
//	render [-name RELEASE] [-namespace NS] [-notes] [-f values.yaml]... CHART_DIR
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"gopkg.in/yaml.v3"
)

type valueFiles []string

func (v *valueFiles) String() string     { return strings.Join(*v, ",") }
func (v *valueFiles) Set(s string) error { *v = append(*v, s); return nil }

func main() {
	name := flag.String("name", "release", "release name")
	namespace := flag.String("namespace", "default", "release namespace")
	notes := flag.Bool("notes", false, "also render NOTES.txt")
	var files valueFiles
	flag.Var(&files, "f", "values file (repeatable; later ones win)")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: render [-name R] [-namespace NS] [-notes] [-f values.yaml]... CHART_DIR")
		os.Exit(2)
	}
	out, err := render(flag.Arg(0), *name, *namespace, *notes, files)
	if err != nil {
		fmt.Fprintln(os.Stderr, "Error:", err)
		os.Exit(1)
	}
	fmt.Print(out)
}

func render(dir, release, namespace string, notes bool, files []string) (string, error) {
	chartMeta := map[string]interface{}{}
	if err := readYaml(filepath.Join(dir, "Chart.yaml"), &chartMeta); err != nil {
		return "", err
	}
	chartName, _ := chartMeta["name"].(string)
	chart := map[string]interface{}{}
	for k, v := range chartMeta { // Helm exposes Chart.yaml's fields capitalised: .Chart.AppVersion
		chart[strings.ToUpper(k[:1])+k[1:]] = v
	}
	values := map[string]interface{}{}
	if err := readYaml(filepath.Join(dir, "values.yaml"), &values); err != nil {
		return "", err
	}
	for _, f := range files {
		override := map[string]interface{}{}
		if err := readYaml(f, &override); err != nil {
			return "", err
		}
		values = merge(values, override)
	}

	root := template.New("chart").Option("missingkey=zero")
	funcs := sprig.TxtFuncMap()
	funcs["toYaml"] = func(v interface{}) string {
		b, err := yaml.Marshal(v)
		if err != nil {
			return ""
		}
		return strings.TrimSuffix(string(b), "\n")
	}
	funcs["fromYaml"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		_ = yaml.Unmarshal([]byte(s), &m)
		return m
	}
	funcs["required"] = func(msg string, v interface{}) (interface{}, error) {
		if v == nil || v == "" {
			return nil, fmt.Errorf("%s", msg)
		}
		return v, nil
	}
	funcs["fail"] = func(msg string) (string, error) { return "", fmt.Errorf("%s", msg) }
	funcs["lookup"] = func(string, string, string, string) (map[string]interface{}, error) {
		return map[string]interface{}{}, nil
	}
	funcs["include"] = func(name string, data interface{}) (string, error) {
		var buf bytes.Buffer
		err := root.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	}
	funcs["tpl"] = func(text string, data interface{}) (string, error) {
		t, err := root.Clone()
		if err != nil {
			return "", err
		}
		t, err = t.New("tpl").Parse(text)
		if err != nil {
			return "", err
		}
		var buf bytes.Buffer
		err = t.Execute(&buf, data)
		return buf.String(), err
	}
	root.Funcs(funcs)

	base := chartName + "/templates"
	paths, err := filepath.Glob(filepath.Join(dir, "templates", "*"))
	if err != nil {
		return "", err
	}
	sort.Strings(paths)
	var names []string
	for _, p := range paths {
		text, err := os.ReadFile(p)
		if err != nil {
			return "", err
		}
		name := base + "/" + filepath.Base(p)
		if _, err := root.New(name).Parse(string(text)); err != nil {
			return "", err
		}
		names = append(names, name)
	}

	var out, notesText strings.Builder
	for _, name := range names {
		file := filepath.Base(name)
		if strings.HasPrefix(file, "_") || (file == "NOTES.txt" && !notes) {
			continue
		}
		data := map[string]interface{}{
			"Values":  values,
			"Chart":   chart,
			"Release": map[string]interface{}{"Name": release, "Namespace": namespace, "Service": "Helm", "IsInstall": true, "IsUpgrade": false, "Revision": 1},
			"Capabilities": map[string]interface{}{
				"KubeVersion": map[string]interface{}{"Version": "v1.29.0", "Major": "1", "Minor": "29"},
			},
			"Template": map[string]interface{}{"Name": name, "BasePath": base},
		}
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, name, data); err != nil {
			return "", err
		}
		text := strings.ReplaceAll(buf.String(), "<no value>", "")
		if strings.TrimSpace(text) == "" {
			continue
		}
		if file == "NOTES.txt" {
			fmt.Fprintf(&notesText, "NOTES:\n%s\n", text)
			continue
		}
		fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", name, strings.TrimSpace(text))
	}
	return out.String() + notesText.String(), nil
}

func readYaml(path string, into *map[string]interface{}) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := yaml.Unmarshal(b, into); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if *into == nil {
		*into = map[string]interface{}{}
	}
	return nil
}

// merge returns base with override laid over it, maps merged key by key (as Helm merges -f files).
func merge(base, override map[string]interface{}) map[string]interface{} {
	out := map[string]interface{}{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range override {
		if bm, ok := out[k].(map[string]interface{}); ok {
			if om, ok := v.(map[string]interface{}); ok {
				out[k] = merge(bm, om)
				continue
			}
		}
		out[k] = v
	}
	return out
}
