package ansiblemod

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// The docs ansible-doc reads are generated from the Go definitions, so the
// two cannot drift: DOCUMENTATION of a module and of a doc fragment.

type kv struct {
	k string
	v any
}

// ymap is an ordered YAML mapping.
type ymap []kv

func (m *ymap) add(k string, v any) { *m = append(*m, kv{k, v}) }

// ModuleFile renders the doc-only Python file ansible-doc reads for m.
func ModuleFile(m *Module, collection, header string) string {
	var b strings.Builder
	b.WriteString("#!/usr/bin/python\n# -*- coding: utf-8 -*-\n")
	b.WriteString(header)
	b.WriteString("\nfrom __future__ import absolute_import, division, print_function\n__metaclass__ = type\n\n")
	b.WriteString("DOCUMENTATION = r'''\n")
	b.WriteString(moduleDoc(m, collection))
	b.WriteString("'''\n\nEXAMPLES = r'''\n")
	b.WriteString(strings.TrimLeft(m.Examples, "\n"))
	b.WriteString("'''\n\nRETURN = r'''\n")
	b.WriteString(strings.TrimLeft(m.Return, "\n"))
	b.WriteString("'''\n")
	return b.String()
}

// FragmentFile renders a doc fragment Python file.
func FragmentFile(f *Fragment, header string) string {
	var doc ymap
	if len(f.Description) > 0 {
		doc.add("description", f.Description)
	}
	doc.add("options", optionsDoc(f.Options))
	if len(f.Notes) > 0 {
		doc.add("notes", f.Notes)
	}
	var b strings.Builder
	b.WriteString("# -*- coding: utf-8 -*-\n")
	b.WriteString(header)
	b.WriteString("\nfrom __future__ import absolute_import, division, print_function\n__metaclass__ = type\n\n\n")
	b.WriteString("class ModuleDocFragment(object):\n    DOCUMENTATION = r'''\n")
	b.WriteString(emitYAML(doc, 0))
	b.WriteString("'''\n")
	return b.String()
}

func moduleDoc(m *Module, collection string) string {
	var doc ymap
	doc.add("module", m.Name)
	doc.add("short_description", m.Short)
	doc.add("version_added", "1.0.0")
	doc.add("description", m.Description)
	doc.add("author", []string{"flexgo.fortiflexvm developers (@flexgo)"})
	if len(m.Fragments) > 0 {
		var names []string
		for _, f := range m.Fragments {
			names = append(names, collection+"."+f.Name)
		}
		doc.add("extends_documentation_fragment", names)
	}
	if len(m.Spec.Options) > 0 {
		doc.add("options", optionsDoc(m.Spec.Options))
	}
	var attrs ymap
	attrs.add("check_mode", attrDoc(m.CheckMode, "Can run in check_mode and return changed status prediction without modifying target."))
	attrs.add("diff_mode", attrDoc(m.DiffMode, "Will return details on what has changed (or possibly needs changing in check_mode), when in diff mode."))
	doc.add("attributes", attrs)
	if len(m.Notes) > 0 {
		doc.add("notes", m.Notes)
	}
	if len(m.SeeAlso) > 0 {
		var refs []any
		for _, s := range m.SeeAlso {
			refs = append(refs, ymap{{"module", s}})
		}
		doc.add("seealso", refs)
	}
	return emitYAML(doc, 0)
}

func attrDoc(a Attribute, generic string) ymap {
	var m ymap
	support := a.Support
	if support == "" {
		support = None
	}
	desc := []string{generic}
	if a.Details != "" {
		desc = append(desc, a.Details)
	}
	m.add("description", desc)
	m.add("support", string(support))
	return m
}

func optionsDoc(opts []Option) ymap {
	sorted := append([]Option(nil), opts...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	var out ymap
	for _, o := range sorted {
		var d ymap
		desc := append([]string(nil), o.Description...)
		if len(o.EnvFallback) > 0 {
			desc = append(desc, fmt.Sprintf("If not set, the value of the environment variable %s is used.", joinOr(o.EnvFallback)))
		}
		if len(desc) == 0 {
			desc = []string{o.Name}
		}
		d.add("description", desc)
		t := o.DocType
		if t == "" {
			t = string(o.Type)
		}
		d.add("type", t)
		if o.Elements != "" {
			d.add("elements", string(o.Elements))
		}
		if o.Required {
			d.add("required", true)
		}
		if o.Default != nil {
			d.add("default", o.Default)
		}
		if len(o.Choices) > 0 {
			d.add("choices", o.Choices)
		}
		if len(o.Aliases) > 0 {
			d.add("aliases", o.Aliases)
		}
		if len(o.Options) > 0 {
			d.add("suboptions", optionsDoc(o.Options))
		}
		out.add(o.Name, d)
	}
	return out
}

func joinOr(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

var plainScalar = regexp.MustCompile(`^[A-Za-z_/][A-Za-z0-9_ ./(),'-]*$`)

var yamlWords = map[string]bool{"yes": true, "no": true, "true": true, "false": true, "on": true, "off": true, "null": true, "y": true, "n": true, "~": true}

func scalar(v any) string {
	switch x := v.(type) {
	case string:
		if plainScalar.MatchString(x) && !yamlWords[strings.ToLower(x)] && !strings.HasSuffix(x, " ") && !strings.Contains(x, " #") {
			return x
		}
		b, _ := json.Marshal(x)
		return string(b)
	case bool:
		if x {
			return "true"
		}
		return "false"
	case nil:
		return "null"
	}
	return fmt.Sprint(v)
}

// emitYAML writes block YAML for ymap, []string, []any and scalars.
func emitYAML(v any, indent int) string {
	var b strings.Builder
	pad := strings.Repeat("  ", indent)
	switch x := v.(type) {
	case ymap:
		for _, e := range x {
			switch val := e.v.(type) {
			case ymap:
				if len(val) == 0 {
					fmt.Fprintf(&b, "%s%s: {}\n", pad, e.k)
					continue
				}
				fmt.Fprintf(&b, "%s%s:\n%s", pad, e.k, emitYAML(val, indent+1))
			case []string:
				if len(val) == 0 {
					fmt.Fprintf(&b, "%s%s: []\n", pad, e.k)
					continue
				}
				fmt.Fprintf(&b, "%s%s:\n", pad, e.k)
				for _, s := range val {
					fmt.Fprintf(&b, "%s  - %s\n", pad, folded(s, pad+"    "))
				}
			case []any:
				fmt.Fprintf(&b, "%s%s:\n", pad, e.k)
				for _, el := range val {
					if m, ok := el.(ymap); ok {
						sub := emitYAML(m, indent+2)
						sub = strings.TrimPrefix(sub, strings.Repeat("  ", indent+2))
						fmt.Fprintf(&b, "%s  - %s", pad, sub)
					} else {
						fmt.Fprintf(&b, "%s  - %s\n", pad, scalar(el))
					}
				}
			default:
				fmt.Fprintf(&b, "%s%s: %s\n", pad, e.k, folded(val, pad+"  "))
			}
		}
	}
	return b.String()
}

// lineWidth keeps generated doc lines well under the 160 columns of
// ansible-test's pep8 check.
const lineWidth = 120

// folded renders a scalar; a long string becomes a folded block scalar (>-)
// wrapped at lineWidth, each line indented by indent. YAML joins the lines
// back with single spaces, so the text reads the same in ansible-doc.
func folded(v any, indent string) string {
	s, ok := v.(string)
	if !ok || len(indent)+len(s) <= lineWidth || strings.ContainsAny(s, "\n\t") || strings.HasPrefix(s, " ") {
		return scalar(v)
	}
	var b strings.Builder
	b.WriteString(">-")
	line := 0
	for _, w := range strings.Split(s, " ") {
		if line == 0 || line+1+len(w) > lineWidth-len(indent) {
			b.WriteString("\n" + indent + w)
			line = len(w)
			continue
		}
		b.WriteString(" " + w)
		line += 1 + len(w)
	}
	return b.String()
}
