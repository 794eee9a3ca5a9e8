// Package ansiblemod implements Ansible's binary-module protocol: it reads the
// args file Ansible hands a binary module, validates the options the way
// AnsibleModule does (types, coercion, defaults, choices, aliases, env
// fallbacks, required rules, unknown options), runs the module and writes
// exactly one JSON result with no_log values masked.
//
// Ansible does none of this for binary modules, so it is all here. The package
// knows nothing of FortiFlex.
package ansiblemod

import "context"

// Type is an Ansible option type.
type Type string

// The option types AnsibleModule knows and this runtime implements.
const (
	TypeStr   Type = "str"
	TypeInt   Type = "int"
	TypeBool  Type = "bool"
	TypeFloat Type = "float"
	TypeList  Type = "list"
	TypeDict  Type = "dict"
	TypePath  Type = "path"
	TypeRaw   Type = "raw"
)

// Option declares one module option, once, for validation and for the docs.
type Option struct {
	Name        string
	Type        Type
	Elements    Type // element type of a list
	Required    bool
	Default     any
	Choices     []string
	Aliases     []string
	EnvFallback []string // environment variables tried, in order, when the option is not given
	NoLog       bool
	// Options are the suboptions of a dict (or of each dict element of a list).
	Options []Option
	// FreeForm accepts any keys in a dict with Options; the Options then only
	// document the known keys and validate their types when present.
	FreeForm bool

	Description []string // for the docs
	DocType     string   // documented type when it differs from Type ("" = Type)
}

// RequiredIf is AnsibleModule's required_if rule: when Key equals Value, the
// Requirements must be given (all of them, or any one when AnyOf is set).
type RequiredIf struct {
	Key          string
	Value        any
	Requirements []string
	AnyOf        bool
}

// Spec is a module's argument spec.
type Spec struct {
	Options           []Option
	MutuallyExclusive [][]string
	RequiredTogether  [][]string
	RequiredOneOf     [][]string
	RequiredIf        []RequiredIf
}

// Support is a documented level of support for check or diff mode.
type Support string

// Support levels as ansible-doc's attributes understand them.
const (
	Full    Support = "full"
	Partial Support = "partial"
	None    Support = "none"
)

// Attribute documents one of the check_mode/diff_mode attributes.
type Attribute struct {
	Support Support
	Details string
}

// Fragment is a set of options shared by several modules, documented once as
// a doc fragment.
type Fragment struct {
	Name        string // doc fragment name without the collection prefix
	Description []string
	Options     []Option
	Notes       []string
}

// Module is one module: its name, documentation, argument spec and code.
type Module struct {
	Name        string
	Short       string
	Description []string
	Notes       []string
	SeeAlso     []string // module names (FQCN) to point at
	Fragments   []*Fragment
	Spec        Spec
	CheckMode   Attribute
	DiffMode    Attribute
	Examples    string // YAML text
	Return      string // YAML text of the RETURN block
	Run         func(ctx context.Context, req *Request, res *Result) error
}

// AllOptions returns the module's options followed by its fragments' options.
func (m *Module) AllOptions() []Option {
	opts := append([]Option(nil), m.Spec.Options...)
	for _, f := range m.Fragments {
		opts = append(opts, f.Options...)
	}
	return opts
}

// fullSpec is the spec validated at run time: the module's own plus the
// fragments' options.
func (m *Module) fullSpec() Spec {
	s := m.Spec
	s.Options = m.AllOptions()
	return s
}
