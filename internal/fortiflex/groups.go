package fortiflex

import (
	"context"
	"strings"

	"github.com/tidwall/gjson"
)

// Group is an asset folder holding FortiFlex entitlements (spec §4.7).
// AccountID is 0 in answers of the v1 call (GroupsList without an account).
type Group struct {
	FolderPath      string `json:"folderPath"`
	AccountID       int    `json:"accountId"`
	AvailableTokens int    `json:"availableTokens"`
	UsedTokens      int    `json:"usedTokens"`
}

// UnmarshalJSON decodes tolerantly (numbers as strings, unknown fields ignored).
func (g *Group) UnmarshalJSON(b []byte) error { return g.decode(gjson.ParseBytes(b)) }

func (g *Group) decode(r gjson.Result) error {
	d := newObjDecoder(r, "group")
	*g = Group{
		FolderPath:      d.str("folderPath"),
		AccountID:       d.int("accountId"),
		AvailableTokens: d.int("availableTokens"),
		UsedTokens:      d.int("usedTokens"),
	}
	return d.err
}

var (
	epGroupsList      = endpoint{op: "groups/list", safe: true}
	epGroupsListV1    = endpoint{op: "groups/list", v1: true, safe: true}
	epGroupsNextToken = endpoint{op: "groups/nexttoken", safe: true}
)

// groupsListRequest is the body of the v2 groups/list.
type groupsListRequest struct {
	AccountID int `json:"accountId"`
}

// GroupsList returns the asset folders holding FortiFlex entitlements (spec
// §5.19). With an account it calls the v2 groups/list with {"accountId":N};
// with nil it calls the legacy v1 flexvm/v1/groups/list with {}, as the
// official clients do, since the v2 call appears to need an account.
func (c *Client) GroupsList(ctx context.Context, accountID *int) ([]Group, error) {
	ep := epGroupsList
	var req any = struct{}{}
	if accountID == nil {
		ep = epGroupsListV1
	} else {
		if err := positive(ep.name(), "accountId", accountID); err != nil {
			return nil, err
		}
		req = groupsListRequest{AccountID: *accountID}
	}
	env, err := c.call(ctx, ep, req)
	if err != nil {
		return nil, err
	}
	return decodeGroups(env, ep)
}

func decodeGroups(env *envelope, ep endpoint) ([]Group, error) {
	return decodeList(env, ep, []string{"groups"}, (*Group).decode)
}

// NextTokenOptions selects groups/nexttoken (spec §5.20): at least one of
// AccountID, ConfigID and FolderPath. Status lists acceptable entitlement
// statuses (e.g. ACTIVE, PENDING). Empty fields are not sent.
type NextTokenOptions struct {
	AccountID  *int     `json:"accountId,omitempty"`
	ConfigID   *int     `json:"configId,omitempty"`
	FolderPath string   `json:"folderPath,omitempty"`
	Status     []string `json:"status,omitempty"`
}

// GroupsNextToken returns the first entitlement with an unused token
// (groups/nexttoken, spec §5.20), normally one. The token is not reserved:
// concurrent callers can get the same one. The answer may be a list or a bare
// object, under "entitlements" or the historic "vms".
func (c *Client) GroupsNextToken(ctx context.Context, o NextTokenOptions) ([]Entitlement, error) {
	op := epGroupsNextToken.name()
	o.FolderPath = strings.TrimSpace(o.FolderPath)
	if o.AccountID == nil && o.ConfigID == nil && o.FolderPath == "" {
		return nil, validationError(op, "give at least one of accountId, configId and folderPath")
	}
	if err := positive(op, "accountId", o.AccountID); err != nil {
		return nil, err
	}
	if err := positive(op, "configId", o.ConfigID); err != nil {
		return nil, err
	}
	if len(o.Status) > 0 {
		st := make([]string, 0, len(o.Status))
		for i, s := range o.Status {
			if s = strings.TrimSpace(s); s == "" {
				return nil, validationError(op, "status[%d] is empty", i)
			}
			st = append(st, s)
		}
		o.Status = st
	}
	env, err := c.call(ctx, epGroupsNextToken, o)
	if err != nil {
		return nil, err
	}
	return decodeEntitlementList(env, epGroupsNextToken)
}
