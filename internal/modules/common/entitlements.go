package common

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/catalog"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
)

// EntitlementOutput shapes an entitlement as fortinet.fortiflexvm returns it.
// token and tokenStatus are null for hardware and cloud entitlements, as the
// API sends them.
func EntitlementOutput(e fortiflex.Entitlement) map[string]any {
	return map[string]any{
		"serialNumber": e.SerialNumber,
		"accountId":    e.AccountID,
		"configId":     e.ConfigID,
		"description":  e.Description,
		"startDate":    e.StartDate,
		"endDate":      e.EndDate,
		"status":       e.Status,
		"token":        nullable(e.Token),
		"tokenStatus":  nullable(e.TokenStatus),
	}
}

// EntitlementsOutput shapes a list (never nil).
func EntitlementsOutput(list []fortiflex.Entitlement) []map[string]any {
	out := make([]map[string]any, 0, len(list))
	for _, e := range list {
		out = append(out, EntitlementOutput(e))
	}
	return out
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// EntitlementsReturn documents the entitlements return key of the modules
// that return entitlements (RETURN YAML, indented for the top level).
var EntitlementsReturn = EntitlementsDoc("entitlements", "list", "always", "The entitlements.")

// EntitlementsDoc documents a return key holding entitlements in the shape
// of EntitlementOutput: kind "list" (several) or "dict" (one). description
// comes first; the line about license tokens follows it.
func EntitlementsDoc(key, kind, returned string, description ...string) string {
	var b strings.Builder
	b.WriteString("\n" + key + ":\n  description:\n")
	for _, d := range description {
		b.WriteString("    - " + d + "\n")
	}
	b.WriteString("    - The C(token) of a VM entitlement is a license secret, as valuable as the points it spends.\n" +
		"      Keep it out of logs (C(no_log) on tasks that register or print it), or leave tokens out with C(return_tokens=false); diffs never show them.\n")
	b.WriteString("  returned: " + returned + "\n  type: " + kind + "\n")
	if kind == "list" {
		b.WriteString("  elements: dict\n")
	}
	b.WriteString("  contains:\n" + entitlementFields)
	return b.String()
}

// SerialsDoc documents a return key holding a list of serial numbers.
func SerialsDoc(key, returned, sample string, description ...string) string {
	out := "\n" + key + ":\n  description:\n"
	for _, d := range description {
		out += "    - " + d + "\n"
	}
	return out + "  returned: " + returned + "\n  type: list\n  elements: str\n  sample: [" + sample + "]\n"
}

// entitlementFields documents the members of one entitlement.
const entitlementFields = `    serialNumber:
      description: The entitlement's serial number (VM and cloud entitlements get a generated one; hardware ones are the device serial).
      type: str
      sample: FGVMELTM24000001
    accountId:
      description: The FortiCloud account that holds the entitlement.
      type: int
      sample: 853130
    configId:
      description: The configuration the entitlement uses.
      type: int
      sample: 5000
    description:
      description: Free text, empty when unset.
      type: str
      sample: branch-a
    startDate:
      description: When the entitlement was created, as FortiFlex writes it (no time zone).
      type: str
      sample: "2024-03-01T10:22:31.27"
    endDate:
      description: When the entitlement ends, as FortiFlex writes it (no time zone).
      type: str
      sample: "2025-12-31T00:00:00"
    status:
      description: C(PENDING), C(ACTIVE), C(STOPPED) or C(EXPIRED).
      type: str
      sample: PENDING
    token:
      description: The VM license token (20 hexadecimal characters); null for hardware and cloud entitlements.
      type: str
      sample: 3F9A0C27B14D8E6A5C21
    tokenStatus:
      description: C(NOTUSED) or C(USED); null for hardware and cloud entitlements.
      type: str
      sample: NOTUSED
`

// DateOption checks an optional date option and returns it unchanged (the
// API takes the text); "" when not given.
func DateOption(p ansiblemod.Params, name string) (string, error) {
	v := strings.TrimSpace(p.String(name))
	if v == "" {
		return "", nil
	}
	if _, err := fortiflex.ParseTime(v); err != nil {
		return "", ansiblemod.Fail("%s: %q is not a date; write it as YYYY-MM-DD or YYYY-MM-DDThh:mm:ss", name, v)
	}
	return v, nil
}

// SameDate reports whether two FortiFlex dates mean the same instant. The
// API writes end dates as midnight without a zone, users often write only
// the day; both parse to the same time.
func SameDate(a, b string) bool {
	ta, err1 := fortiflex.ParseTime(a)
	tb, err2 := fortiflex.ParseTime(b)
	if err1 != nil || err2 != nil {
		return strings.TrimSpace(a) == strings.TrimSpace(b)
	}
	return ta.Equal(tb)
}

// ParseDate parses a checked date option.
func ParseDate(s string) time.Time {
	t, _ := fortiflex.ParseTime(s)
	return t
}

// FindEntitlement looks one entitlement up by serial number (see
// FindEntitlements): configHint, when given, is asked first. nil when not
// found.
func FindEntitlement(ctx context.Context, c *fortiflex.Client, serial string, configHint *int) (*fortiflex.Entitlement, error) {
	found, err := FindEntitlements(ctx, c, []string{serial}, configHint, nil)
	if err != nil {
		return nil, err
	}
	if e, ok := found[strings.ToUpper(strings.TrimSpace(serial))]; ok {
		return &e, nil
	}
	return nil, nil
}

// FindConfig looks a configuration up by id: configs/list needs a program,
// so every program is asked (see FindConfigs). nil when not found.
func FindConfig(ctx context.Context, c *fortiflex.Client, id int) (*fortiflex.Configuration, error) {
	found, err := FindConfigs(ctx, c, id)
	if err != nil {
		return nil, err
	}
	return found[id], nil
}

// FindConfigs looks several configurations up by id in one walk: the
// programs, then each program's configurations (of every account), until
// every id is found. Those not found are missing from the result.
func FindConfigs(ctx context.Context, c *fortiflex.Client, ids ...int) (map[int]*fortiflex.Configuration, error) {
	found := map[int]*fortiflex.Configuration{}
	want := map[int]bool{}
	for _, id := range ids {
		want[id] = true
	}
	programs, err := c.ProgramsList(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range programs {
		if len(found) == len(want) {
			break
		}
		configs, err := c.ConfigsList(ctx, fortiflex.ConfigListOptions{ProgramSerialNumber: p.SerialNumber})
		if err != nil {
			return nil, err
		}
		for i := range configs {
			if want[configs[i].ID] && found[configs[i].ID] == nil {
				found[configs[i].ID] = &configs[i]
			}
		}
	}
	return found, nil
}

// FindProgram is the program with this serial number, nil when the API user
// sees none.
func FindProgram(ctx context.Context, c *fortiflex.Client, serial string) (*fortiflex.Program, error) {
	programs, err := c.ProgramsList(ctx)
	if err != nil {
		return nil, err
	}
	for i := range programs {
		if strings.EqualFold(programs[i].SerialNumber, serial) {
			return &programs[i], nil
		}
	}
	return nil, nil
}

// ProductWord names a product type for messages: its product dict key
// (fortiGateBundle), else the API's name, else its id.
func ProductWord(pt fortiflex.ProductType) string {
	if p, ok := catalog.ProductByID(pt.ID); ok {
		return p.Key
	}
	if pt.Name != "" {
		return pt.Name
	}
	return "product type " + strconv.Itoa(pt.ID)
}
