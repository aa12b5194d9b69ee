#!/usr/bin/env bash
# The README's main job, part 1 (after the build): a till's day in one checkout. Generates a
# demo snapshot, loads it into a fresh terminal database, prints a member's QR card as a
# PNG, starts loyalty-agent on an ephemeral port, plays a scripted checkout against it with
# loyalty-pos-demo (scan the picture, quote with a voucher and a points payment, commit,
# return) printing what the cashier sees, stops the agent with SIGTERM and verifies the
# ledger. Everything lives in a temporary directory that is removed at the end.
# Usage: installer/checkout-demo.sh [BUILD_DIR] [--members N] [--basket FILE]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-"$root/build"}
members=10000
basket="$root/config/examples/baskets/weekly-shop.json"
while [ $# -gt 0 ]; do
  case $1 in
    --members) members=$2; shift 2 ;;
    --basket) basket=$2; shift 2 ;;
    -*) echo "checkout-demo: unknown option $1" >&2; exit 2 ;;
    *) build_dir=$1; shift ;;
  esac
done
ctl="$build_dir/agent/ctl/loyaltyctl"
agent="$build_dir/agent/daemon/loyalty-agent"
pos="$build_dir/agent/pos_demo/loyalty-pos-demo"
for program in "$ctl" "$agent" "$pos"; do
  if [ ! -x "$program" ]; then
    echo "checkout-demo: $program is missing; build first (installer/build.sh)" >&2
    exit 1
  fi
done

scratch=$(mktemp -d)
agent_pid=
cleanup() {
  # An agent still running here means the demo failed half-way: stop it, show its log.
  if [ -n "$agent_pid" ] && kill -0 "$agent_pid" 2>/dev/null; then
    kill -TERM "$agent_pid" 2>/dev/null || true
    wait "$agent_pid" 2>/dev/null || true
    echo "checkout-demo: the agent's log:" >&2
    tail -n 20 "$scratch/agent.log" >&2 || true
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT
chmod 700 "$scratch"

shown() {  # prints a command with short names, as a person would type it
  local text="$*"
  text=${text//"$scratch/"/}
  text=${text//"$build_dir/agent/ctl/"/}
  text=${text//"$build_dir/agent/daemon/"/}
  text=${text//"$build_dir/agent/pos_demo/"/}
  text=${text//"$root/"/}
  printf '$ %s\n' "$text"
}
run() {  # the command, then its output indented, with the temporary directory left out
  shown "$@"
  "$@" | sed -e "s|$scratch/||g" -e 's/^/  /'
}

rule=$(printf '#%.0s' {1..96})
printf '%s\n# A checkout at a till: loyalty-agent and a POS talking to it over the local API\n%s\n\n' "$rule" "$rule"
echo "Head office's snapshot for the store (rules, $members members, cards, keys), loaded into the till:"
run "$ctl" snapshot generate --members "$members" --bundle "$root/config/examples/bundle.json" \
  --store berlin-01 --seed 7 --out "$scratch/snapshot.ndjson"
run "$ctl" snapshot import --db "$scratch/agent.db" --terminal berlin-01-till-1 "$scratch/snapshot.ndjson"

cat > "$scratch/agent.json" <<EOF
{
  "format": 1,
  "terminalId": "berlin-01-till-1",
  "storeId": "berlin-01",
  "databasePath": "agent.db",
  "tokenFile": "api-token",
  "listen": {"address": "127.0.0.1", "port": 0},
  "lanes": 2,
  "log": {"level": "info"}
}
EOF
echo
echo "The agent, on an ephemeral port (its JSON log goes to agent.log):"
shown "$agent" --config "$scratch/agent.json" "2> agent.log &"
"$agent" --config "$scratch/agent.json" 2> "$scratch/agent.log" &
agent_pid=$!
port=
for _ in $(seq 1 200); do
  port=$(sed -n 's/.*"event":"agent_ready".*"port":\([0-9][0-9]*\).*/\1/p' "$scratch/agent.log" | head -n 1)
  [ -n "$port" ] && break
  if ! kill -0 "$agent_pid" 2>/dev/null; then
    echo "checkout-demo: the agent stopped at start:" >&2
    cat "$scratch/agent.log" >&2
    exit 1
  fi
  sleep 0.05
done
if [ -z "$port" ]; then
  echo "checkout-demo: the agent did not say agent_ready within 10 s" >&2
  exit 1
fi
echo "  agent_ready on 127.0.0.1:$port (pid $agent_pid); the POS authenticates with the token in api-token"

# A gold member with points to spend (any tier if the snapshot has no such gold member).
find=("$pos" --port "$port" --token-file "$scratch/api-token" --find-member --min-points 1000)
member=$("${find[@]}" --tier gold 2>/dev/null || "${find[@]}")
card="C${member#m-}-1"
echo
echo "The member's card, printed by head office (the key is the snapshot's test card key):"
run "$ctl" card issue --key "$scratch/snapshot.ndjson.card-key.pem" --key-id hq-card-1 --card "$card" \
  --png "$scratch/card-$card.png"

echo
shown "$pos" --port "$port" --token-file api-token --card-image "card-$card.png" --member "$member" \
  --basket "$basket" --voucher MEMBER20 --burn 500
"$pos" --port "$port" --token-file "$scratch/api-token" --card-image "$scratch/card-$card.png" \
  --member "$member" --basket "$basket" --voucher MEMBER20 --burn 500

echo
echo "Closing time: SIGTERM lets the agent finish what is in flight, then it exits."
shown kill -TERM "$agent_pid"
kill -TERM "$agent_pid"
status=0
wait "$agent_pid" || status=$?
agent_pid=
if [ "$status" -ne 0 ]; then
  echo "checkout-demo: the agent exited with status $status after SIGTERM" >&2
  tail -n 20 "$scratch/agent.log" >&2
  exit 1
fi
echo "  the agent exited with status 0 ($(grep -c . "$scratch/agent.log") log lines, last: $(tail -n 1 "$scratch/agent.log"))"
run "$ctl" ledger verify --db "$scratch/agent.db"
