package fortiflex

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

// The API is loose about JSON types (spec §1, §4.4): numbers may arrive as
// strings and string values as numbers. Resource types decode field by field
// with these helpers, through gjson, and ignore members they do not know.

// flexString reads a member as text: a string as is, a number or boolean as
// its literal, null or missing as "", an object or array as its raw JSON.
func flexString(r gjson.Result) string {
	switch r.Type {
	case gjson.String:
		if !utf8.ValidString(r.Str) {
			// Never hand out invalid UTF-8: results are JSON.
			return strings.ToValidUTF8(r.Str, "\uFFFD")
		}
		return r.Str
	case gjson.Null:
		return ""
	case gjson.Number, gjson.True, gjson.False, gjson.JSON:
		return r.Raw
	}
	return ""
}

// objDecoder reads the members of one JSON object and remembers the first
// type error, naming the member.
type objDecoder struct {
	r   gjson.Result
	err error
	// members are the object's members, read in one pass on first use
	// (looking each key up with gjson would scan the object once per key).
	members []member
	read    bool
}

// member keeps a value as its raw JSON text (a substring of the answer, so
// no copy): a gjson.Result is five times the size, and lists of thousands of
// entitlements keep one member per field until decoded.
type member struct {
	key string
	raw string
}

func newObjDecoder(r gjson.Result, what string) *objDecoder {
	d := &objDecoder{r: r}
	if !r.IsObject() {
		d.err = fmt.Errorf("%s: got %s, want an object", what, describe(r))
	}
	return d
}

// get returns the member named key (the first one, as gjson would), or a
// zero Result when there is none.
func (d *objDecoder) get(key string) gjson.Result {
	if !d.read {
		d.read = true
		if d.r.IsObject() {
			d.members = make([]member, 0, 12)
			d.r.ForEach(func(k, v gjson.Result) bool {
				d.members = append(d.members, member{k.String(), v.Raw})
				return true
			})
		}
	}
	for _, m := range d.members {
		if m.key == key {
			return gjson.Parse(m.raw)
		}
	}
	return gjson.Result{}
}

func (d *objDecoder) fail(key string, r gjson.Result, want string) {
	if d.err == nil {
		d.err = fmt.Errorf("%s: %s is not %s", key, shortRaw(r), want)
	}
}

func (d *objDecoder) str(key string) string {
	if d.err != nil {
		return ""
	}
	return flexString(d.get(key))
}

// int accepts a JSON integer, an integral float, or a string holding either;
// null, missing and "" read as 0.
func (d *objDecoder) int(key string) int {
	if d.err != nil {
		return 0
	}
	r := d.get(key)
	var s string
	switch r.Type {
	case gjson.Null:
		return 0
	case gjson.Number:
		s = r.Raw
	case gjson.String:
		s = strings.TrimSpace(r.Str)
		if s == "" {
			return 0
		}
	default:
		d.fail(key, r, "an integer")
		return 0
	}
	if n, err := strconv.ParseInt(s, 10, strconv.IntSize); err == nil {
		return int(n)
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) &&
		f >= math.MinInt32 && f <= math.MaxInt32 {
		return int(f)
	}
	d.fail(key, r, "an integer")
	return 0
}

// float accepts a JSON number or a numeric string; null, missing and "" read as 0.
func (d *objDecoder) float(key string) float64 {
	if d.err != nil {
		return 0
	}
	r := d.get(key)
	var s string
	switch r.Type {
	case gjson.Null:
		return 0
	case gjson.Number:
		s = r.Raw
	case gjson.String:
		s = strings.TrimSpace(r.Str)
		if s == "" {
			return 0
		}
	default:
		d.fail(key, r, "a number")
		return 0
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		d.fail(key, r, "a number")
		return 0
	}
	return f
}

// intPtr is int for optional members: null, missing and "" read as nil.
func (d *objDecoder) intPtr(key string) *int {
	if d.err != nil || isAbsent(d.get(key)) {
		return nil
	}
	n := d.int(key)
	if d.err != nil {
		return nil
	}
	return &n
}

// floatPtr is float for optional members: null, missing and "" read as nil.
func (d *objDecoder) floatPtr(key string) *float64 {
	if d.err != nil || isAbsent(d.get(key)) {
		return nil
	}
	f := d.float(key)
	if d.err != nil {
		return nil
	}
	return &f
}

// first returns the first of keys that is present and not null, else keys[0]
// (for members the API has named in more than one way).
func (d *objDecoder) first(keys ...string) string {
	for _, k := range keys {
		if r := d.get(k); r.Exists() && r.Type != gjson.Null {
			return k
		}
	}
	return keys[0]
}

// isAbsent reports a member that is missing, null or a blank string.
func isAbsent(r gjson.Result) bool {
	return !r.Exists() || r.Type == gjson.Null || (r.Type == gjson.String && strings.TrimSpace(r.Str) == "")
}

// bool accepts true/false, "true"/"false" (any case), 0/1 and "0"/"1"; null
// and missing read as false.
func (d *objDecoder) bool(key string) bool {
	if d.err != nil {
		return false
	}
	r := d.get(key)
	switch r.Type {
	case gjson.Null:
		return false
	case gjson.True:
		return true
	case gjson.False:
		return false
	case gjson.Number, gjson.String:
		switch strings.ToLower(strings.TrimSpace(flexString(r))) {
		case "true", "1", "yes":
			return true
		case "false", "0", "no", "":
			return false
		}
	}
	d.fail(key, r, "a boolean")
	return false
}

// each calls fn for every object of the array member key (an object alone
// counts as a one-element array; null and missing as empty).
func (d *objDecoder) each(key string, fn func(gjson.Result) error) {
	if d.err != nil {
		return
	}
	r := d.get(key)
	var elems []gjson.Result
	switch {
	case r.Type == gjson.Null:
		return
	case r.IsArray():
		elems = r.Array()
	case r.IsObject():
		elems = []gjson.Result{r}
	default:
		d.fail(key, r, "a list")
		return
	}
	for i, e := range elems {
		if e.Type == gjson.Null {
			continue
		}
		if err := fn(e); err != nil {
			d.err = fmt.Errorf("%s[%d]: %w", key, i, err)
			return
		}
	}
}

func shortRaw(r gjson.Result) string {
	s := r.Raw
	if s == "" {
		s = "missing"
	}
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}

// Date layouts the API is known to send (spec §4.8), tried in order.
var timeLayouts = []string{
	"2006-01-02T15:04:05.999999999", // live responses: T, 0–3 fraction digits, no zone
	"2006-01-02 15:04:05.999999999", // OpenAPI examples and program dates
	time.RFC3339Nano,                // with a zone
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02", // request form, accepted for convenience
}

// ParseTime parses a FortiFlex date. Values without a zone (what the API
// sends) are returned as UTC wall-clock times; FortiFlex bills by Pacific
// calendar day, which callers must apply themselves if it matters.
func ParseTime(s string) (time.Time, error) {
	v := strings.TrimSpace(s)
	if v == "" {
		return time.Time{}, fmt.Errorf("empty date")
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("unrecognised date %q (want YYYY-MM-DDThh:mm:ss[.fff], YYYY-MM-DD hh:mm:ss or RFC 3339)", s)
}
