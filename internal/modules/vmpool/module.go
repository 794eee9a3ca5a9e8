// Package vmpool is fortiflexvm_vm_pool, the declarative module of a pool of
// VM entitlements: a VM configuration and a label, kept in the entitlements'
// description, of which exactly count entitlements are PENDING or ACTIVE.
// Growing reuses the pool's STOPPED entitlements first, optionally claims
// unlabelled STOPPED ones, and creates only the rest; shrinking stops
// members (and optionally regenerates their tokens). A second run with the
// same options changes nothing and sends only one entitlements/list.
package vmpool

import (
	"github.com/flexgo/fortiflexvm/internal/ansiblemod"
	"github.com/flexgo/fortiflexvm/internal/modules/common"
)

// maxLabel is the longest label, in characters.
const maxLabel = 100

// Module is fortiflexvm_vm_pool.
var Module = &ansiblemod.Module{
	Name:  "fortiflexvm_vm_pool",
	Short: "Ensure a labelled pool of FortiFlex VM entitlements has exactly the given size",
	Description: []string{
		"Ensures that exactly C(count) VM entitlements of the configuration C(config_id) carry the pool's C(label) as their description and are in use (PENDING or ACTIVE): a pool of interchangeable licenses for an autoscaling group, a lab or a set of branches.",
		"The pool's members are the entitlements of the configuration whose description equals C(label) exactly and whose status is PENDING or ACTIVE (or GRACE_PERIOD); its STOPPED ones are its spares. Entitlements with another description are never touched (except unlabelled STOPPED ones with C(claim_unlabelled=true)); EXPIRED ones are ignored.",
		"Declarative: the configuration's entitlements are listed once, and only what is missing or too much is changed. A second run with the same options reports C(changed=false) and sends only that one read.",
		"Growing reuses before it buys: first the pool's spares are reactivated (those with an unused token first, then the newest), then, with C(claim_unlabelled=true), STOPPED entitlements of the configuration with an empty description are claimed (labelled first, then reactivated), and only the rest is created, with one C(entitlements/vm/create) request that writes the label into their description.",
		"Shrinking stops members, PENDING ones first (their token was never used, so no VM loses its license), then ACTIVE ones whose token is unused, then ACTIVE ones whose token is used; within each group the newest first. Stopping an ACTIVE entitlement whose token is C(USED) takes the license away from the VM that runs with it.",
		"Stopping takes effect from the next day; a day fully stopped costs no points. Stopped members stay in the configuration as the pool's spares and are reactivated by the next growth.",
		"With C(regenerate_tokens=true), each member to be stopped first gets a new license token, so that a token that left (a deleted VM image, a copied script) stops working, and a spare reactivated later hands out an unused token.",
		"Every ACTIVE entitlement costs points daily, so nothing is created that is not needed. If the answer to the create is lost (network failure, server error), the request is not sent again: the configuration is listed again, and the new entitlements carrying the label are the ones created. When there are as many as asked for, the task goes on; otherwise it fails, says what it found and how to check. Running the task again is always safe, since it counts the pool again.",
		"When entitlements would be created, the configuration is read before anything is written, and the task fails when it is unknown, DISABLED or not a VM configuration.",
		"Two tasks growing the same pool at the same moment can create too many; the next run stops the extra ones (PENDING first).",
	},
	SeeAlso: []string{
		"flexgo.fortiflexvm.fortiflexvm_entitlements_vm_create",
		"flexgo.fortiflexvm.fortiflexvm_entitlements_list_info",
		"flexgo.fortiflexvm.fortiflexvm_entitlement",
	},
	Fragments: []*ansiblemod.Fragment{common.Connection},
	Spec: ansiblemod.Spec{Options: []ansiblemod.Option{
		{Name: "config_id", Type: ansiblemod.TypeInt, Required: true,
			Description: []string{"The VM configuration (product types 1 to 99, for example a FortiGate-VM one) whose entitlements form the pool."}},
		{Name: "label", Type: ansiblemod.TypeStr, Required: true,
			Description: []string{"The pool's name, kept in the description of its entitlements; the pool is the entitlements of the configuration whose description equals it exactly (case counts).",
				"Not empty, at most 100 characters, without white space at either end."}},
		{Name: "count", Type: ansiblemod.TypeInt, Required: true,
			Description: []string{"How many entitlements of the pool should be PENDING or ACTIVE; 0 or more. C(0) stops them all."}},
		{Name: "claim_unlabelled", Type: ansiblemod.TypeBool, Default: false,
			Description: []string{"When growing, after the pool's own spares, claim STOPPED entitlements of the configuration whose description is empty: each is labelled, then reactivated, before anything is created.",
				"PENDING and ACTIVE unlabelled entitlements are never claimed: they may be in use elsewhere."}},
		{Name: "regenerate_tokens", Type: ansiblemod.TypeBool, Default: false,
			Description: []string{"When shrinking, give each member to be stopped a new license token before it is stopped, so that its old token no longer works anywhere.",
				"The regeneration is never sent twice: when its answer is lost, the entitlement is read again."}},
		{Name: "skip_pending", Type: ansiblemod.TypeBool, Default: false,
			Description: []string{"New entitlements only. C(true) makes them ACTIVE at once, so that they cost points from today even before their token is used; C(false) leaves them PENDING (free) until a VM uses the token."}},
		{Name: "end_date", Type: ansiblemod.TypeStr,
			Description: []string{"New entitlements only. Their end date, as YYYY-MM-DD or YYYY-MM-DDThh:mm:ss; not in the past and not after the program's end. Left out, they end with the program.",
				"Entitlements that already exist keep their end date; change it with fortiflexvm_entitlement."}},
		{Name: "folder_path", Type: ansiblemod.TypeStr,
			Description: []string{"New entitlements only. The asset folder they go to, for example C(My Assets/web); left out, C(My Assets)."}},
	}},
	CheckMode: ansiblemod.Attribute{Support: ansiblemod.Full,
		Details: "Lists the configuration, writes nothing and reports exactly what would change, with the predicted lists and members. Entitlements that would be created have a null serial number and token. When entitlements would be created, the configuration is also read and the task fails, as the real run would, when it is unknown, DISABLED or not a VM one. When the number of members changes, C(points_per_day) shows the effect."},
	DiffMode: ansiblemod.Attribute{Support: ansiblemod.Full,
		Details: "Shows the pool before and after as its size and member serial numbers (C(<new>) for one that would be created, in check mode); never a license token. When the number of members changes, C(points_per_day) shows the effect."},
	Examples: `
- name: Five FortiGate-VM licenses for the web tier
  flexgo.fortiflexvm.fortiflexvm_vm_pool:
    config_id: 5000
    label: web-tier
    count: 5
    folder_path: My Assets/web
  register: pool
  no_log: true   # the result holds the license tokens

- name: Keep the unused tokens for the VMs to be deployed
  ansible.builtin.set_fact:
    web_tokens: "{{ pool.entitlements | selectattr('tokenStatus', 'equalto', 'NOTUSED') | map(attribute='token') | list }}"
  no_log: true

- name: Grow to 8, reusing unlabelled STOPPED entitlements of the configuration before buying
  flexgo.fortiflexvm.fortiflexvm_vm_pool:
    config_id: 5000
    label: web-tier
    count: 8
    claim_unlabelled: true
    end_date: "2027-12-31"
  register: pool
  no_log: true

- name: What would shrinking to 2 stop, and what would it save? (nothing is changed)
  flexgo.fortiflexvm.fortiflexvm_vm_pool:
    config_id: 5000
    label: web-tier
    count: 2
  check_mode: true
  register: preview
  no_log: true

- name: Say it
  ansible.builtin.debug:
    msg: >-
      would stop {{ preview.stopped | join(', ') }},
      {{ preview.points_per_day.before }} -> {{ preview.points_per_day.after }} points per day at most

- name: Off season, shrink to 2, and revoke the tokens of those stopped
  flexgo.fortiflexvm.fortiflexvm_vm_pool:
    config_id: 5000
    label: web-tier
    count: 2
    regenerate_tokens: true
  no_log: true
`,
	Return: returnDoc(),
	Run:    common.Run(run),
}

// returnDoc is the RETURN block: the members (the shared entitlement shape),
// the lists of what was done and points_per_day.
func returnDoc() string {
	entitlements := common.EntitlementsDoc("entitlements", "list", "always",
		"The pool's members after the task (PENDING and ACTIVE entitlements carrying the label), sorted by serial number;\n"+
			"      in check mode, as they would be.",
		"In check mode an entitlement that would be created comes last, with a null C(serialNumber) and C(token) and an empty C(startDate).")
	list := func(name string, what ...string) string {
		return common.SerialsDoc(name, "always", "FGVMELTM24000003", what...)
	}
	return entitlements +
		list("created", "The serial numbers of the entitlements created, labelled with C(label).",
			"In check mode one null per entitlement that would be created (FortiFlex chooses the serial numbers).") +
		list("reactivated", "The pool's STOPPED entitlements reactivated (in check mode, that would be).") +
		list("claimed", "The unlabelled STOPPED entitlements claimed with C(claim_unlabelled), labelled and reactivated.") +
		list("stopped", "The members stopped (in check mode, that would be), in the order they were chosen.") +
		list("regenerated", "The members whose license token was regenerated before they were stopped (C(regenerate_tokens)).") + `
points_per_day:
  description:
    - The daily points of the pool's members before and after the task, at the program's rates (FortiFlex's C(tools/calc)),
      counting every member as ACTIVE; a PENDING one costs nothing until its token is used, so this is the most the pool can cost.
    - Returned in check mode and diff mode only, when the number of members changes.
    - When FortiFlex cannot estimate it, a warning says why and this key is left out; the task does not fail for it.
  returned: when the number of members changes, in check or diff mode
  type: dict
  contains:
    before:
      description: Points per day of the members before the task (0 for none).
      type: float
      sample: 38.5
    after:
      description: Points per day of the members after the task (0 for none).
      type: float
      sample: 15.4
`
}
