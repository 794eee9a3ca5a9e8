package fortiflex

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

// envelope is the decoded FortiFlex answer (spec §3.1):
//
//	{"status": 0|-1|"0"|"success", "message": "...", "error": <any>, <dataKey>: <payload>}
type envelope struct {
	httpStatus int
	status     int             // 0 = success; -1 (or any non-zero) = failure
	hasStatus  bool            // the "status" member was present
	message    string          // "message", as text whatever its JSON type
	errRaw     json.RawMessage // "error" as sent; nil when absent or null
	root       gjson.Result
	attempts   int // HTTP attempts of the call that got this answer (for errors)
}

// errNotJSON and errNotObject are the two ways a body can fail to be an envelope.
var (
	errNotJSON   = errors.New("response is not valid JSON")
	errNotObject = errors.New("response is not a JSON object")
)

// decodeEnvelope parses a response body. It never panics; a body that is not a
// JSON object yields errNotJSON or errNotObject.
func decodeEnvelope(httpStatus int, body []byte) (*envelope, error) {
	if !gjson.ValidBytes(body) {
		return nil, errNotJSON
	}
	root := gjson.ParseBytes(body)
	if !root.IsObject() {
		return nil, errNotObject
	}
	env := &envelope{httpStatus: httpStatus, root: root}

	if st := root.Get("status"); st.Exists() && st.Type != gjson.Null {
		env.hasStatus = true
		env.status = parseStatus(st)
	}
	env.message = flexString(root.Get("message"))
	if e := root.Get("error"); e.Exists() && e.Type != gjson.Null {
		env.errRaw = json.RawMessage(e.Raw)
	}
	return env, nil
}

// parseStatus reads "status" as sent: an integer, a numeric string, or a word
// ("success"/"ok" mean 0, anything else is a failure).
func parseStatus(r gjson.Result) int {
	switch r.Type {
	case gjson.Number:
		if n, err := strconv.ParseInt(r.Raw, 10, 64); err == nil {
			return clampInt(n)
		}
		if f := r.Num; f == float64(int64(f)) {
			return clampInt(int64(f))
		}
		return -1
	case gjson.String:
		s := strings.TrimSpace(r.Str)
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return clampInt(n)
		}
		switch strings.ToLower(s) {
		case "success", "ok":
			return 0
		}
		return -1
	}
	return -1
}

func clampInt(n int64) int {
	const maxInt, minInt = int64(^uint(0) >> 1), -int64(^uint(0)>>1) - 1
	switch {
	case n > maxInt:
		return int(maxInt)
	case n < minInt:
		return int(minInt)
	}
	return int(n)
}

// ok reports success: an HTTP 2xx answer whose status is 0 (or absent).
func (e *envelope) ok() bool {
	return e.httpStatus >= 200 && e.httpStatus < 300 && e.status == 0
}

// invalidToken reports the API's "Invalid security token." answer, whatever
// the HTTP code (spec §2.7).
func (e *envelope) invalidToken() bool {
	return !e.ok() && isInvalidToken(e.failureMessage())
}

// failureMessage is the best human text for a failed envelope.
func (e *envelope) failureMessage() string {
	if e.message != "" {
		return e.message
	}
	if len(e.errRaw) > 0 {
		r := gjson.ParseBytes(e.errRaw)
		if r.Type == gjson.String {
			return r.Str
		}
		if m := r.Get("message"); m.Exists() {
			return flexString(m)
		}
		return string(e.errRaw)
	}
	return ""
}

// data returns the payload under the first of keys present and not null.
func (e *envelope) data(keys ...string) (gjson.Result, bool) {
	for _, k := range keys {
		if r := e.root.Get(gjsonKey(k)); r.Exists() && r.Type != gjson.Null {
			return r, true
		}
	}
	return gjson.Result{}, false
}

// items returns the payload under the first present key as a list: an array
// gives its elements, an object gives a one-element list (the API sends either
// for some endpoints, spec §12 #1, #3). A missing key gives an empty list.
func (e *envelope) items(keys ...string) ([]gjson.Result, error) {
	r, ok := e.data(keys...)
	if !ok {
		return []gjson.Result{}, nil
	}
	switch {
	case r.IsArray():
		var out []gjson.Result
		for _, it := range r.Array() {
			if it.Type == gjson.Null {
				continue
			}
			if !it.IsObject() {
				return nil, fmt.Errorf("%s: list element is %s, want an object", keys[0], describe(it))
			}
			out = append(out, it)
		}
		if out == nil {
			out = []gjson.Result{}
		}
		return out, nil
	case r.IsObject():
		return []gjson.Result{r}, nil
	}
	return nil, fmt.Errorf("%s: payload is %s, want an object or a list", keys[0], describe(r))
}

// gjsonKey escapes gjson path syntax in a literal member name.
func gjsonKey(k string) string {
	var b strings.Builder
	for _, r := range k {
		switch r {
		case '.', '*', '?', '|', '#', '@', '\\', '!', '=', '<', '>', '%':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func describe(r gjson.Result) string {
	switch {
	case r.IsArray():
		return "a list"
	case r.IsObject():
		return "an object"
	}
	switch r.Type {
	case gjson.String:
		return "a string"
	case gjson.Number:
		return "a number"
	case gjson.True, gjson.False:
		return "a boolean"
	case gjson.Null:
		return "null"
	}
	return "missing"
}

// excerpt turns a body that is not an envelope into a short, printable hint:
// tags stripped, control characters and runs of space collapsed, at most max
// runes. It is meant for error messages and is scrubbed by the caller.
func excerpt(body []byte, max int) string {
	if len(body) > 4096 {
		body = body[:4096]
	}
	s := strings.ToValidUTF8(string(body), "")
	if strings.Contains(s, "<") && strings.Contains(s, ">") {
		s = stripTags(s)
	}
	var b strings.Builder
	space := false
	n := 0
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			n++
			space = false
		}
		if n >= max {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// stripTags drops <...> markup (and the contents of <script>/<style>, roughly)
// so that a gateway's HTML error page reads as its text.
func stripTags(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		b.WriteByte(' ')
		s = s[i:]
		j := strings.IndexByte(s, '>')
		if j < 0 {
			break
		}
		tag := strings.ToLower(s[:j+1])
		s = s[j+1:]
		for _, skip := range []string{"script", "style"} {
			if strings.HasPrefix(tag, "<"+skip) {
				if k := strings.Index(strings.ToLower(s), "</"+skip); k >= 0 {
					s = s[k:]
				}
			}
		}
	}
	return b.String()
}
