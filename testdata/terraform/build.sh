#!/usr/bin/env bash
# Regenerates each scenario's plan.json with a real Terraform and AWS provider, offline:
# credentials are fake and nothing is refreshed, so no AWS call is made. Needs `terraform`
# (1.x) and the hashicorp/aws 5.100.0 provider in a filesystem mirror (TF_PLUGIN_MIRROR,
# default /opt/tf-plugins). The committed plan.json files are what the tests read.
set -euo pipefail
cd "$(dirname "$0")"
mirror=${TF_PLUGIN_MIRROR:-/opt/tf-plugins}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/cli.tfrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/*/*"]
  }
  direct {
    exclude = ["registry.terraform.io/*/*"]
  }
}
RC
export TF_CLI_CONFIG_FILE="$work/cli.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
for dir in */; do
  dir=${dir%/}
  [ -f "$dir/main.tf" ] || continue
  # Plans of the Aiven provider, which is not in the mirror: handmade.py writes them.
  case $dir in aiven | aiven-access) continue ;; esac
  rm -rf "$work/run" && mkdir -p "$work/run"
  cp -r "$dir"/. "$work/run/"
  cp provider.tf.inc "$work/run/provider.tf"
  (
    cd "$work/run"
    terraform init -input=false -no-color > /dev/null
    terraform plan -input=false -no-color -refresh=false -out plan.out > /dev/null
    terraform show -json plan.out > plan.json
    # The UI stream of `terraform plan -json` and the JSON of a state are input errors.
    if [ "$dir" = healthy ]; then
      terraform plan -input=false -refresh=false -json > plan-ui.json
    fi
    if [ -f terraform.tfstate ]; then
      terraform show -json > state.json
    fi
  )
  cp "$work/run/plan.json" "$dir/plan.json"
  if [ -f "$work/run/plan-ui.json" ]; then
    cp "$work/run/plan-ui.json" ../bad/terraform_ui_stream.json
  fi
  if [ -f "$work/run/state.json" ]; then
    cp "$work/run/state.json" ../bad/terraform_state.json
  fi
  echo "$dir/plan.json"
done
