package fortiflex

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestToolsCalc(t *testing.T) {
	in := CalcRequest{ProgramSerialNumber: "ELAVMR0000000101", Count: 2, ProductTypeID: 1, Parameters: []Parameter{{ID: 1, Name: "CPU", Value: "2"}, {ID: 2, Value: "ENT"}}}
	calc := func(ctx context.Context, c *Client) (any, error) { return wrap(c.ToolsCalc(ctx, in)) }
	const body = `{"programSerialNumber":"ELAVMR0000000101","count":2,"productTypeId":1,"parameters":[{"id":1,"value":"2"},{"id":2,"value":"ENT"}]}`
	runAPICases(t, []apiCase{
		{"points key, latest null", "tools/calc", calc, body,
			okBody("points", `{"current":12.78,"latest":null,"latestEffectiveDate":null}`), &Points{Current: 12.78}},
		{"scheduled change", "tools/calc", calc, body,
			okBody("points", `{"current":4,"latest":2.92,"latestEffectiveDate":"2025-07-01T00:00:00"}`),
			&Points{Current: 4, Latest: ptr(2.92), LatestEffectiveDate: "2025-07-01T00:00:00"}},
		{"configs key fallback, list, strings", "tools/calc", calc, body,
			okBody("configs", `[{"current":"12.78","latest":"","latestEffectiveDate":null,"x":1}]`), &Points{Current: 12.78}},
		{"latest 0 is kept", "tools/calc", calc, body,
			okBody("points", `{"current":1,"latest":0}`), &Points{Current: 1, Latest: ptr(0.0)}},
	})
}

func TestToolsMetadata(t *testing.T) {
	meta := func(ctx context.Context, c *Client) (any, error) { return wrap(c.ToolsMetadata(ctx)) }
	const answer = `[{"productTypeId":1,"name":"FortiGate Virtual Machine - Service Bundle","formFactor":{"formFactorId":1,"name":"Virtual Machines"},
		"parameters":[
		  {"parameterId":1,"name":"Number of CPUs","type":"NUMERIC","minValue":1,"maxValue":96,"step":1,"validValues":[]},
		  {"parameterId":"2","name":"Service Package","type":"SINGLEVALUE","minValue":null,"maxValue":null,"step":null,
		   "validValues":[{"value":"FC","description":"FortiCare Premium"},{"value":"UTP","description":"Unified Threat Protection"}]}]},
		{"productTypeId":"203","name":"FortiWeb Cloud - Public","formFactor":"Cloud","parameters":null,"unknown":true},
		{"id":101,"name":"FortiGate Hardware","formFactorId":2,"parameters":[{"id":27,"type":"SINGLEVALUE","validValues":["FGT40F",60]}]}]`
	want := []ProductTypeMeta{
		{ProductTypeID: 1, Name: "FortiGate Virtual Machine - Service Bundle", FormFactorID: 1, FormFactor: "Virtual Machines", Parameters: []ParameterMeta{
			{ParameterID: 1, Name: "Number of CPUs", Type: "NUMERIC", MinValue: ptr(1), MaxValue: ptr(96), Step: ptr(1), ValidValues: []ValidValue{}},
			{ParameterID: 2, Name: "Service Package", Type: "SINGLEVALUE", ValidValues: []ValidValue{{Value: "FC", Description: "FortiCare Premium"}, {Value: "UTP", Description: "Unified Threat Protection"}}},
		}},
		{ProductTypeID: 203, Name: "FortiWeb Cloud - Public", FormFactor: "Cloud", Parameters: []ParameterMeta{}},
		{ProductTypeID: 101, Name: "FortiGate Hardware", FormFactorID: 2, Parameters: []ParameterMeta{
			{ParameterID: 27, Type: "SINGLEVALUE", ValidValues: []ValidValue{{Value: "FGT40F"}, {Value: "60"}}},
		}},
	}
	runAPICases(t, []apiCase{
		{"catalogue", "tools/metadata", meta, `{}`, okBody("productTypes", answer), want},
		{"empty", "tools/metadata", meta, `{}`, okBody("productTypes", `[]`), []ProductTypeMeta{}},
	})
}

func TestToolsValidation(t *testing.T) {
	ok := CalcRequest{ProgramSerialNumber: "P", Count: 1, ProductTypeID: 1, Parameters: []Parameter{{ID: 1, Value: "2"}}}
	calc := func(f func(*CalcRequest)) func(context.Context, *Client) error {
		in := ok
		f(&in)
		return func(ctx context.Context, c *Client) error { return errOnly(c.ToolsCalc(ctx, in)) }
	}
	runInvalidCases(t, []invalidCase{
		{"no program", calc(func(r *CalcRequest) { r.ProgramSerialNumber = "" }), "tools/calc: programSerialNumber is required"},
		{"count 0", calc(func(r *CalcRequest) { r.Count = 0 }), "tools/calc: count must be at least 1, got 0"},
		{"no product", calc(func(r *CalcRequest) { r.ProductTypeID = 0 }), "tools/calc: productTypeId must be a positive integer, got 0"},
		{"no parameters", calc(func(r *CalcRequest) { r.Parameters = nil }), "tools/calc: parameters are required"},
		{"bad parameter", calc(func(r *CalcRequest) { r.Parameters = []Parameter{{Value: "x"}} }), "tools/calc: parameters[0]: id must be a positive integer, got 0"},
	})
}

func TestToolsJSON(t *testing.T) {
	var p Points
	require.NoError(t, json.Unmarshal([]byte(`{"current":"3.5","latest":null}`), &p))
	assert.Equal(t, Points{Current: 3.5}, p)
	b, err := json.Marshal(Points{Current: 1, Latest: ptr(2.0), LatestEffectiveDate: "2025-07-01"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"current":1,"latest":2,"latestEffectiveDate":"2025-07-01"}`, string(b))
	var m ProductTypeMeta
	require.NoError(t, json.Unmarshal([]byte(`{"productTypeId":"5","formFactor":{"id":1,"name":"VM"},"parameters":[{"parameterId":13,"minValue":"0","maxValue":25000.0}]}`), &m))
	assert.Equal(t, ProductTypeMeta{ProductTypeID: 5, FormFactorID: 1, FormFactor: "VM", Parameters: []ParameterMeta{{ParameterID: 13, MinValue: ptr(0), MaxValue: ptr(25000), ValidValues: []ValidValue{}}}}, m)
	require.Error(t, json.Unmarshal([]byte(`{"parameters":[{"minValue":1.5}]}`), &m))
}
