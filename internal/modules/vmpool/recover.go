package vmpool

import (
	"context"
	"fmt"
	"strings"

	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/fortiflex"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// recoverCreate is what follows an entitlements/vm/create whose answer was
// lost. It is never sent again (every entitlement it makes costs points):
// the configuration is listed again, and the entitlements carrying the label
// that were not there before are the ones it created. This is why the label
// is kept in the description.
func recoverCreate(ctx context.Context, c *fortiflex.Client, o options, before []fortiflex.Entitlement, asked int, lost error) ([]fortiflex.Entitlement, error) {
	now, err := c.EntitlementsList(ctx, fortiflex.EntitlementListOptions{ConfigID: &o.cfgID})
	if err != nil {
		return nil, ansiblemod.Fail("FortiFlex entitlements/vm/create did not answer (%s), and configuration %d could not be listed again to see what it created (%s). "+
			"It was not sent again. Check the pool with fortiflexvm_entitlements_list_info (configId: %d, description: %s); running the task again is safe, as it counts the pool again",
			common.LostDetail(lost), o.cfgID, common.LostDetail(err), o.cfgID, o.label)
	}
	return adopt(o, before, now, asked, common.LostDetail(lost))
}

// adopt finds, in the listing now, the entitlements labelled o.label whose
// serial numbers were not in before: the ones a create of asked entitlements
// made. An error, with what was found, when there are not exactly asked.
func adopt(o options, before, now []fortiflex.Entitlement, asked int, lost string) ([]fortiflex.Entitlement, error) {
	seen := make(map[string]bool, len(before))
	for _, e := range before {
		seen[strings.ToUpper(e.SerialNumber)] = true
	}
	var found []fortiflex.Entitlement
	for _, e := range now {
		if e.Description == o.label && !seen[strings.ToUpper(e.SerialNumber)] {
			found = append(found, e)
		}
	}
	sortBySerial(found)
	check := fmt.Sprintf("Check the pool with fortiflexvm_entitlements_list_info (configId: %d, description: %s)", o.cfgID, o.label)
	switch {
	case len(found) == asked:
		return found, nil
	case len(found) == 0:
		return nil, ansiblemod.Fail("FortiFlex entitlements/vm/create did not answer (%s), and no new entitlement labelled %q appeared in configuration %d, so none was created. "+
			"It was not sent again; running the task again is safe",
			lost, o.label, o.cfgID)
	case len(found) < asked:
		return found, ansiblemod.Fail("FortiFlex entitlements/vm/create did not answer (%s); configuration %d now holds %d new entitlements labelled %q (%s), but %d were asked for. "+
			"It was not sent again. %s; running the task again counts the pool again and creates only what is missing",
			lost, o.cfgID, len(found), o.label, strings.Join(serials(found), ", "), asked, check)
	}
	return found, ansiblemod.Fail("FortiFlex entitlements/vm/create did not answer (%s); configuration %d now holds %d new entitlements labelled %q (%s), but %d were asked for: another task may have created some at the same time. "+
		"It was not sent again. %s; running the task again counts the pool again and stops what is more than count",
		lost, o.cfgID, len(found), o.label, strings.Join(serials(found), ", "), asked, check)
}
