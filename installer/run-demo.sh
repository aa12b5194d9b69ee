#!/usr/bin/env bash
# The README's main job, after the build. First a checkout at a till (installer/checkout-demo.sh:
# a loyalty-agent with a generated snapshot and a POS scanning a QR card picture, quoting with
# a voucher and a points payment, committing and returning, as the cashier sees it). Then the
# rules engine on its own: checks the example bundle and prices every example basket with it
# (with members and contexts as each scenario needs), printing what a cashier and a loyalty
# manager read, one heading per scenario.
# Usage: installer/run-demo.sh [BUILD_DIR] [--checkout-only | --scenarios-only] [--members N]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-"$root/build"}
checkout=1
scenarios=1
checkout_args=()
while [ $# -gt 0 ]; do
  case $1 in
    --checkout-only) scenarios=0; shift ;;
    --scenarios-only) checkout=0; shift ;;
    --members) checkout_args+=(--members "$2"); shift 2 ;;
    -*) echo "run-demo: unknown option $1" >&2; exit 2 ;;
    *) build_dir=$1; shift ;;
  esac
done
if [ "$checkout" -eq 1 ]; then
  "$root/installer/checkout-demo.sh" "$build_dir" "${checkout_args[@]}"
  [ "$scenarios" -eq 1 ] || exit 0
  rule=$(printf '#%.0s' {1..96})
  printf '\n\n%s\n# The rules engine on its own: the example bundle priced with loyaltyctl, scenario by scenario\n%s\n' "$rule" "$rule"
fi
ctl="$build_dir/agent/ctl/loyaltyctl"
if [ ! -x "$ctl" ]; then
  echo "run-demo: $ctl is missing; build first (installer/build.sh)" >&2
  exit 1
fi
examples="$root/config/examples"
bundle="$examples/bundle.json"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Fixed instants keep the demo reproducible. Berlin is UTC+1 in March.
tuesday_10h="2026-03-17T09:00:00Z"     # Tuesday 10:00 Berlin
monday_10h="2026-03-16T09:00:00Z"      # Monday 10:00 Berlin
monday_17h30="2026-03-16T16:30:00Z"    # Monday 17:30 Berlin: happy hour
monday_16h59="2026-03-16T15:59:00Z"    # Monday 16:59 Berlin: one minute before it
saturday_11h="2026-03-21T10:00:00Z"    # Saturday 11:00 Vienna

count=0
heading() {
  count=$((count + 1))
  printf '\n%s\n%2d. %s\n%s\n' "$(printf '=%.0s' {1..96})" "$count" "$1" "$(printf '=%.0s' {1..96})"
}

# Prints the command (with short paths) and runs it; any failure stops the demo.
ctl() {
  local shown="loyaltyctl $*"
  shown=${shown//"$examples/"/}
  shown=${shown//"$scratch/"/}
  printf '$ %s\n\n' "$shown"
  "$ctl" "$@"
}

quote() {  # quote BASKET MEMBER|- AT [more args]
  local basket=$1 member=$2 at=$3
  shift 3
  local args=(quote --bundle "$bundle" --basket "$examples/baskets/$basket")
  [ "$member" != "-" ] && args+=(--member "$examples/members/$member")
  ctl "${args[@]}" --at "$at" --format text "$@"
}

heading "The example bundle is valid (every rule checked before it is published)"
ctl bundle check "$bundle"

heading "Basic member, Tuesday 10:00: 1 point per 1.00 paid, after the automatic 15% off"
quote weekly-shop.json basic-de.json "$tuesday_10h"

heading "Silver member from the Netherlands, Monday 10:00: 1.5 points per 1.00; no Monday double (German members only)"
quote weekly-shop.json silver-nl.json "$monday_10h"

heading "Gold member from Germany, Monday 17:30 happy hour: 2 base + 2 Monday double + 4 happy hour triple = 8 points per 1.00"
quote weekly-shop.json gold-de.json "$monday_17h30"

heading "The same basket at 16:59: happy hour starts at 17:00, so 2 base + 2 Monday double = 4 points per 1.00"
quote weekly-shop.json gold-de.json "$monday_16h59"

heading "Members' 20% off (MEMBER20) does not combine with the general 15% off: the larger one applies, the other is refused"
quote weekly-shop.json gold-de.json "$tuesday_10h" --redeem MEMBER20

heading "Coffee: buy 2, get 1 free, then 20% on the rest and 5.00 paid with 500 points"
quote coffee-trio.json gold-de.json "$tuesday_10h" --redeem MEMBER20 --burn 500

heading "Reward catalog: a free coffee for 500 points (Gold member)"
quote weekly-shop.json gold-de.json "$tuesday_10h" --reward free-coffee-reward

heading "The same reward for a Basic member with only 320 points: refused, never partly granted"
quote weekly-shop.json basic-de.json "$tuesday_10h" --reward free-coffee-reward

heading "WELCOME5 for the first 500 customers: 499 used so far, so this customer gets it"
quote weekly-shop.json basic-de.json "$tuesday_10h" --redeem WELCOME5 --context "$examples/contexts/welcome500-last-slot.json"

heading "WELCOME5 once 500 customers have used it: refused (limit_reached)"
quote weekly-shop.json basic-de.json "$tuesday_10h" --redeem WELCOME5 --context "$examples/contexts/welcome500-full.json"

heading "The spring sale is capped at 30000.00 of discounts: with 1.00 left the 15% off gives only 1.00"
quote weekly-shop.json basic-de.json "$tuesday_10h" --context "$examples/contexts/spring-budget-almost-spent.json"

heading "Kill switch: head office disabled the spring sale, its promotions stop at once"
quote coffee-trio.json basic-de.json "$tuesday_10h" --context "$examples/contexts/spring-sale-disabled.json"

heading "VIP member: points expire 24 months after earning instead of 12 (see the new lot's expiry)"
quote weekly-shop.json vip-silver-de.json "$tuesday_10h"

heading "Anonymous basket: a single-use bearer voucher (GIFT-1234) applies, nothing is earned"
quote weekly-shop.json - "$tuesday_10h" --redeem GIFT-1234

heading "The same voucher on a 4.27 basket: refused, it needs 10.00"
quote small-snack.json - "$tuesday_10h" --redeem GIFT-1234

heading "Tobacco and gift cards earn no points (Gold member; discounts still apply to them)"
quote tobacco-and-gift-card.json gold-de.json "$tuesday_10h"

heading "Family shop, Gold member pays the most points allowed: burn max is capped by the 2000-point daily limit at this store (50% of the basket would be 2100); 50 bonus points for house blend coffee"
quote family-shop.json gold-de.json "$tuesday_10h" --burn max

heading "Offline for too long (stale snapshot): no points can be spent, points are still earned"
quote family-shop.json gold-de.json "$tuesday_10h" --burn max --context "$examples/contexts/offline-stale.json"

heading "Offline allowance of 300 points at this store today: burn max stops at 300"
quote family-shop.json gold-de.json "$tuesday_10h" --burn max --context "$examples/contexts/offline-allowance-300.json"

heading "Suspended member: the promotion still applies; no points earned, the points payment is refused"
quote weekly-shop.json suspended-de.json "$tuesday_10h" --burn 200

heading "Vienna store (program demo-at), Saturday: weekend 10% off bakery for an anonymous basket"
quote vienna-bakery.json - "$saturday_11h"

heading "A German card in the Vienna store: the store does not serve its program, so the card is not used"
quote vienna-bakery.json gold-de.json "$saturday_11h"

heading "Social media share: 20 points each, at most 100 a day; Claudia already has 90 today, so this share gives 10"
ctl event --bundle "$bundle" --member "$examples/members/gold-de.json" --event social_share --at 2026-03-16T12:00:00Z --format text

heading "The next share after midnight in Berlin (23:30 UTC) starts a new day: 20 points"
ctl event --bundle "$bundle" --member "$examples/members/gold-de.json" --event social_share --at 2026-03-16T23:30:00Z --format text

# Returns need the committed sale's quote result: price the happy-hour sale as JSON first.
"$ctl" quote --bundle "$bundle" --basket "$examples/baskets/weekly-shop.json" \
  --member "$examples/members/gold-de.json" --at "$monday_17h30" --burn 500 \
  --sale-id demo-sale-1 > "$scratch/demo-sale-1.json"
echo '[{"line": 2, "quantity": 1}]' > "$scratch/first-return.json"
echo '[{"line": 1, "quantity": 1}, {"line": 2, "quantity": 2}, {"line": 3, "quantity": 2}, {"line": 4, "quantity": 1}, {"line": 5, "quantity": 1}]' > "$scratch/rest.json"

heading "Return 1 of 3 croissants from the happy-hour sale (which paid 5.00 with points): points come off in proportion"
ctl return --bundle "$bundle" --sale "$scratch/demo-sale-1.json" --line 2:1 --at 2026-03-18T10:00:00Z --format text

heading "Return everything else: together the two returns reverse exactly what the sale earned and burned"
ctl return --bundle "$bundle" --sale "$scratch/demo-sale-1.json" --lines "$scratch/rest.json" \
  --returned-before "$scratch/first-return.json" --at 2026-03-18T10:05:00Z --format text

printf "\n%d scenarios, all priced with: %s" "$count" "$("$ctl" bundle check "$bundle")"; echo
