package fortiflex

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeEnvelope(t *testing.T) {
	tests := []struct {
		name       string
		http       int
		body       string
		wantErr    error
		wantOK     bool
		wantStatus int
		wantMsg    string
		wantRaw    string
	}{
		{"int 0", 200, `{"status":0,"message":"Request processed successfully.","error":null}`, nil, true, 0, "Request processed successfully.", ""},
		{"string 0", 200, `{"status":"0","message":"ok"}`, nil, true, 0, "ok", ""},
		{"string success", 200, `{"status":"success"}`, nil, true, 0, "", ""},
		{"status absent", 200, `{"programs":[]}`, nil, true, 0, "", ""},
		{"int -1", 400, `{"status":-1,"message":"bad","error":"bad"}`, nil, false, -1, "bad", `"bad"`},
		{"string -1", 200, `{"status":"-1","message":"bad"}`, nil, false, -1, "bad", ""},
		{"word failure", 200, `{"status":"error","message":"bad"}`, nil, false, -1, "bad", ""},
		{"float status", 200, `{"status":0.0}`, nil, true, 0, "", ""},
		{"huge status", 200, `{"status":1e400}`, nil, false, -1, "", ""},
		{"bool status", 200, `{"status":true}`, nil, false, -1, "", ""},
		{"error object kept raw", 400, `{"status":-1,"message":"Entitlement is already ACTIVE.","error":{"errorCode":12,"message":"x"}}`, nil, false, -1, "Entitlement is already ACTIVE.", `{"errorCode":12,"message":"x"}`},
		{"message not a string", 400, `{"status":-1,"message":{"a":1}}`, nil, false, -1, `{"a":1}`, ""},
		{"success status on HTTP 500", 500, `{"status":0}`, nil, false, 0, "", ""},
		{"HTML", 502, `<html><body><h1>502 Bad Gateway</h1></body></html>`, errNotJSON, false, 0, "", ""},
		{"truncated JSON", 200, `{"status":0,"programs":[{"serial`, errNotJSON, false, 0, "", ""},
		{"empty", 200, ``, errNotJSON, false, 0, "", ""},
		{"array", 200, `[1,2]`, errNotObject, false, 0, "", ""},
		{"string", 200, `"ok"`, errNotObject, false, 0, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, err := decodeEnvelope(tt.http, []byte(tt.body))
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.wantOK, env.ok())
			assert.Equal(t, tt.wantStatus, env.status)
			assert.Equal(t, tt.wantMsg, env.message)
			assert.Equal(t, tt.wantRaw, string(env.errRaw))
		})
	}
}

func TestEnvelopeItemsFallbacks(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		keys    []string
		want    []string // serialNumber of each item
		wantErr bool
	}{
		{"array", `{"status":0,"entitlements":[{"serialNumber":"A"},{"serialNumber":"B"}]}`, []string{"entitlements", "vms"}, []string{"A", "B"}, false},
		{"vms fallback", `{"status":0,"vms":[{"serialNumber":"A"}]}`, []string{"entitlements", "vms"}, []string{"A"}, false},
		{"null first key falls back", `{"status":0,"entitlements":null,"vms":[{"serialNumber":"A"}]}`, []string{"entitlements", "vms"}, []string{"A"}, false},
		{"object instead of array", `{"status":0,"configs":{"serialNumber":"A"}}`, []string{"configs"}, []string{"A"}, false},
		{"missing key is empty", `{"status":0}`, []string{"configs"}, []string{}, false},
		{"empty array", `{"status":0,"configs":[]}`, []string{"configs"}, []string{}, false},
		{"nulls in array skipped", `{"status":0,"configs":[null,{"serialNumber":"A"}]}`, []string{"configs"}, []string{"A"}, false},
		{"scalar payload", `{"status":0,"configs":"nope"}`, []string{"configs"}, nil, true},
		{"scalar element", `{"status":0,"configs":[1]}`, []string{"configs"}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, err := decodeEnvelope(200, []byte(tt.body))
			require.NoError(t, err)
			items, err := env.items(tt.keys...)
			if tt.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			got := []string{}
			for _, it := range items {
				got = append(got, it.Get("serialNumber").String())
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestNonJSONAnswers(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		body     string
		wantHTTP int
		wantSub  string
	}{
		{"gateway HTML after retries", 502, "<html><head><title>502 Bad Gateway</title><style>h1{}</style></head>\n<body><h1>Bad   Gateway</h1></body></html>", 502, "response is not valid JSON: 502 Bad Gateway Bad Gateway"},
		{"HTML with HTTP 200", 200, "<!DOCTYPE html><html><body>Maintenance window</body></html>", 200, "Maintenance window"},
		{"truncated JSON", 200, `{"status":0,"message":"Request processed successfully.","programs":[{"serialNumber":"ELA`, 200, "response is not valid JSON"},
		{"empty body", 500, ``, 500, "(empty body)"},
		{"JSON array", 200, `[]`, 200, "response is not a JSON object"},
		{"long binary junk", 500, strings.Repeat("\x00\xff<>", 5000), 500, "response is not valid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			f.handle("programs/list", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(tt.status)
				_, _ = w.Write([]byte(tt.body))
			})
			c := f.client()
			_, err := c.ProgramsList(context.Background())
			require.Error(t, err)
			var fe *Error
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.wantHTTP, fe.HTTPStatus)
			assert.ErrorIs(t, err, ErrUnexpectedResponse)
			assert.Contains(t, err.Error(), tt.wantSub)
			assert.NotContains(t, err.Error(), "<")
			assert.True(t, utf8.ValidString(err.Error()))
			assert.Less(t, len(err.Error()), 400, "excerpt is short")
		})
	}
}

func TestErrorFormattingAndSentinels(t *testing.T) {
	tests := []struct {
		name    string
		err     *Error
		want    string
		is      []error
		isNot   []error
		unwraps error
	}{
		{"business error", &Error{Op: "programs/list", HTTPStatus: 400, Status: -1, Message: "Invalid value for Parameter id 1.", Attempts: 1},
			"programs/list: HTTP 400: Invalid value for Parameter id 1.", nil, []error{ErrUnauthorized, ErrNotFound, ErrForbidden}, nil},
		{"attempts shown", &Error{Op: "programs/list", HTTPStatus: 503, Status: -1, Message: "down", Attempts: 2},
			"programs/list: HTTP 503: down (2 attempts)", nil, nil, nil},
		{"401", &Error{Op: "configs/list", HTTPStatus: 401, Status: -1, Message: "Invalid security token."},
			"configs/list: HTTP 401: Invalid security token.", []error{ErrUnauthorized}, []error{ErrInvalidCredentials}, nil},
		{"invalid token on 200", &Error{Op: "configs/list", HTTPStatus: 200, Status: -1, Message: "invalid security token"},
			"configs/list: HTTP 200: invalid security token", []error{ErrUnauthorized}, nil, nil},
		{"403", &Error{Op: "configs/create", HTTPStatus: 403, Status: -1},
			"configs/create: HTTP 403: Forbidden", []error{ErrForbidden}, nil, nil},
		{"404", &Error{Op: "configs/update", HTTPStatus: 404},
			"configs/update: HTTP 404: Not Found", []error{ErrNotFound}, nil, nil},
		{"not found message", &Error{Op: "configs/update", HTTPStatus: 400, Status: -1, Message: "Configuration not found."},
			"configs/update: HTTP 400: Configuration not found.", []error{ErrNotFound}, nil, nil},
		{"invalid credentials", &Error{Op: "login", HTTPStatus: 401, Message: "Invalid credentials given.", Err: ErrInvalidCredentials},
			"login failed: invalid credentials (HTTP 401): Invalid credentials given.", []error{ErrInvalidCredentials, ErrUnauthorized}, []error{ErrNotFound}, ErrInvalidCredentials},
		{"transport", &Error{Op: "programs/list", Attempts: 5, Err: errors.New("dial tcp: connection refused")},
			"programs/list: dial tcp: connection refused (5 attempts)", nil, []error{ErrUnauthorized}, nil},
		{"validation", validationError("configs/list", "programSerialNumber is required").(*Error),
			"configs/list: programSerialNumber is required", []error{ErrInvalidRequest}, nil, ErrInvalidRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.err.Error())
			for _, s := range tt.is {
				assert.ErrorIs(t, tt.err, s)
			}
			for _, s := range tt.isNot {
				assert.NotErrorIs(t, tt.err, s)
			}
			if tt.unwraps != nil {
				assert.Equal(t, tt.unwraps, errors.Unwrap(tt.err))
			}
		})
	}
}

// FuzzDecodeEnvelope feeds arbitrary answers to the envelope decoder, to the
// client's interpretation of an answer and to every typed decoder. None may
// panic; every failure is an *Error with a message; a decoding failure of a
// success answer is an unexpected response, and an unknown outcome exactly
// for calls that are not safe to repeat.
func FuzzDecodeEnvelope(f *testing.F) {
	seeds := []string{
		`{"status":0,"message":"Request processed successfully.","error":null,"programs":[{"serialNumber":"ELAVMR0000000101","accountId":853130,"startDate":"2020-05-16 00:00:00","endDate":"2026-05-15T00:00:00","hasSupportCoverage":true}]}`,
		`{"status":"0","configs":{"id":"5120","name":"x","accountId":"1","productType":{"id":"1","name":"FortiGate-VM"},"parameters":[{"id":"1","value":2},{"id":2,"value":"UTP"}]}}`,
		`{"status":"success","configs":[{"id":1,"parameters":{"id":1,"value":true}}]}`,
		`{"status":-1,"message":"Invalid security token.","error":{"errorCode":1}}`,
		`{"status":-1}`,
		`{"status":"-1","message":"  ","error":null}`,
		`{"status":0,"programs":[{"serialNumber":"S","pointBalance":"126652.5"}]}`,
		`{"status":0,"vms":[null,{"serialNumber":1e999}]}`,
		`{"status":0,"entitlements":{"serialNumber":"S","token":null,"points":"1.5"}}`,
		`{"status":0,"points":{"current":"12.78","latest":null,"latestEffectiveDate":null}}`,
		`{"status":0,"configs":[{"current":1,"latest":"x"}]}`,
		`{"status":0,"productTypes":[{"productTypeId":1,"formFactor":{"formFactorId":1,"name":"VM"},"parameters":[{"parameterId":1,"minValue":1.5,"validValues":["A",{"value":1}]}]}]}`,
		`{"status":0,"groups":[{"folderPath":"My Assets","availableTokens":"3"}]}`,
		`<html>502</html>`,
		`{"status":0,"programs":[{"serialNumber`,
		`{"a\\.b":1,"status":[],"message":null}`,
		``,
		`[]`,
	}
	for _, s := range seeds {
		f.Add(200, []byte(s))
	}
	f.Add(502, []byte(`<html>`))
	f.Add(500, []byte(`{}`))
	f.Add(400, []byte(`{"status":-1,"error":{"errorCode":7}}`))
	c, err := New(Options{Username: "u", Password: "p"})
	require.NoError(f, err)
	eps := []endpoint{epProgramsList, epConfigsCreate, epEntitlementsVMCreate, epEntitlementsStop, epGroupsListV1}

	f.Fuzz(func(t *testing.T, status int, body []byte) {
		// The client's view of the answer, for safe and unsafe calls.
		for _, ep := range eps {
			env, fe := c.answer(ep, status, body, 1)
			if fe == nil {
				require.NotNil(t, env)
				require.True(t, env.ok())
				continue
			}
			require.NotEmpty(t, fe.Message, "a failure always says why")
			require.NotEmpty(t, fe.Error())
			if fe.OutcomeUnknown {
				require.False(t, ep.safe, "only unsafe calls have unknown outcomes")
			}
		}

		env, err := decodeEnvelope(status, body)
		if err != nil {
			_ = excerpt(body, 160)
			return
		}
		_ = env.ok()
		_ = env.invalidToken()
		_ = env.failureMessage()
		for _, keys := range [][]string{{"programs"}, {"configs"}, {"entitlements", "vms"}} {
			items, err := env.items(keys...)
			if err != nil {
				continue
			}
			for _, it := range items {
				var p Program
				_ = p.decode(it)
				var b ProgramBalance
				_ = b.decode(it)
				var c Configuration
				if c.decode(it) == nil {
					_, err := json.Marshal(c)
					require.NoError(t, err)
				}
			}
		}
		if !env.ok() {
			return
		}
		// A success answer never yields an error without a message.
		check := func(ep endpoint, err error) {
			if err == nil {
				return
			}
			var fe *Error
			require.True(t, errors.As(err, &fe), "an *Error: %v", err)
			require.NotEmpty(t, fe.Message)
			require.ErrorIs(t, err, ErrUnexpectedResponse)
			require.Equal(t, !ep.safe, fe.OutcomeUnknown)
		}
		_, err = decodeList(env, epConfigsList, []string{"configs"}, (*Configuration).decode)
		check(epConfigsList, err)
		_, err = decodeList(env, epProgramsList, []string{"programs"}, (*Program).decode)
		check(epProgramsList, err)
		_, err = decodeList(env, epProgramsPoints, []string{"programs"}, (*ProgramBalance).decode)
		check(epProgramsPoints, err)
		_, err = decodeConfigOne(env, epConfigsCreate)
		check(epConfigsCreate, err)
		_, err = decodeConfigOne(env, epConfigsUpdate)
		check(epConfigsUpdate, err)
		_, err = decodeEntitlementList(env, epEntitlementsVMCreate)
		check(epEntitlementsVMCreate, err)
		_, err = decodeEntitlementOne(env, epEntitlementsToken)
		check(epEntitlementsToken, err)
		_, err = decodeEntitlementPoints(env, epEntitlementsPoints)
		check(epEntitlementsPoints, err)
		_, err = decodeGroups(env, epGroupsList)
		check(epGroupsList, err)
		_, err = decodeEntitlementList(env, epGroupsNextToken)
		check(epGroupsNextToken, err)
		_, err = decodeCalc(env, epToolsCalc)
		check(epToolsCalc, err)
		if pts, err := decodeProductTypes(env, epToolsMetadata); err == nil {
			_, err := json.Marshal(pts)
			require.NoError(t, err)
		} else {
			check(epToolsMetadata, err)
		}
	})
}
