package fortiflex

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProgramsListQuirks(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []Program
	}{
		{"canonical", okBody("programs", programsPayload), wantPrograms},
		{"strings for numbers and booleans", `{"status":"0","programs":[{"serialNumber":"ELAVMR0000000101","accountId":"853130","startDate":"2020-05-16 00:00:00","endDate":"2026-05-15T00:00:00","hasSupportCoverage":"true","newField":1}]}`, wantPrograms},
		{"dates null, coverage absent", `{"status":0,"programs":[{"serialNumber":"ELAVMS0000000518","accountId":1,"startDate":null}]}`, []Program{{SerialNumber: "ELAVMS0000000518", AccountID: 1}}},
		{"empty", okBody("programs", "[]"), []Program{}},
		{"two programs", okBody("programs", `[{"serialNumber":"A"},{"serialNumber":"B"}]`), []Program{{SerialNumber: "A"}, {SerialNumber: "B"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			f.handle("programs/list", respond(200, tt.body))
			got, err := f.client().ProgramsList(context.Background())
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestProgramsPoints(t *testing.T) {
	tests := []struct {
		name    string
		serial  string
		body    string
		want    []ProgramBalance
		wantErr string
	}{
		{"balance", "ELAVMR0000000101", okBody("programs", `[{"accountId":853130,"serialNumber":"ELAVMR0000000101","pointBalance":126652}]`),
			[]ProgramBalance{{SerialNumber: "ELAVMR0000000101", AccountID: 853130, PointBalance: 126652}}, ""},
		{"fractional balance as string, object payload", "ELAVMR0000000101", okBody("programs", `{"accountId":"853130","serialNumber":"ELAVMR0000000101","pointBalance":"12.5"}`),
			[]ProgramBalance{{SerialNumber: "ELAVMR0000000101", AccountID: 853130, PointBalance: 12.5}}, ""},
		{"missing serial", " ", "", nil, "programs/points: programSerialNumber is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t)
			f.handle("programs/points", respond(200, tt.body))
			c := f.client()
			got, err := c.ProgramsPoints(context.Background(), tt.serial)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Equal(t, tt.wantErr, err.Error())
				assert.Equal(t, 0, c.Stats().Requests)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			calls := f.requestsTo(apiPrefix + "programs/points")
			require.Len(t, calls, 1)
			assert.JSONEq(t, `{"programSerialNumber":"ELAVMR0000000101"}`, string(calls[0].Body))
		})
	}
}

func TestProgramJSONOutputIsCamelCase(t *testing.T) {
	b, err := json.Marshal(wantPrograms[0])
	require.NoError(t, err)
	assert.JSONEq(t, `{"serialNumber":"ELAVMR0000000101","accountId":853130,"startDate":"2020-05-16 00:00:00","endDate":"2026-05-15T00:00:00","hasSupportCoverage":true}`, string(b))
}

func TestParseTime(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	}
	tests := []struct {
		name    string
		in      string
		want    time.Time
		wantErr bool
	}{
		{"T no fraction", "2023-11-11T00:00:00", utc(2023, 11, 11, 0, 0, 0, 0), false},
		{"T with 2-digit fraction", "2025-06-02T09:14:51.27", utc(2025, 6, 2, 9, 14, 51, 270_000_000), false},
		{"T with 3-digit fraction", "2023-04-06T15:49:29.643", utc(2023, 4, 6, 15, 49, 29, 643_000_000), false},
		{"space form", "2020-08-25 10:12:25", utc(2020, 8, 25, 10, 12, 25, 0), false},
		{"RFC 3339 Z", "2024-01-02T03:04:05Z", utc(2024, 1, 2, 3, 4, 5, 0), false},
		{"RFC 3339 offset", "2024-01-02T03:04:05-08:00", utc(2024, 1, 2, 11, 4, 5, 0), false},
		{"date only", "2025-05-31", utc(2025, 5, 31, 0, 0, 0, 0), false},
		{"surrounding space", " 2025-05-31 ", utc(2025, 5, 31, 0, 0, 0, 0), false},
		{"empty", "", time.Time{}, true},
		{"garbage", "31/05/2025", time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseTime(tt.in)
			if tt.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.True(t, tt.want.Equal(got), "got %s", got)
		})
	}
}
