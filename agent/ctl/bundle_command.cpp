#include "bundle_command.h"

#include <cstddef>

#include "command_inputs.h"

namespace loyalty::ctl {

Result<std::string> runBundleCheck(const std::string& bundlePath) {
  auto bundle = loadBundleFile(bundlePath);
  if (!bundle) return bundle.error();
  std::size_t rules = 0;
  for (const auto& program : bundle->programs) {
    rules += program.earningRules.size() + program.redeemables.size();
  }
  const auto programs = bundle->programs.size();
  return "ok: bundle " + std::to_string(bundle->version) + " hash " + bundle->hash + ", " +
         std::to_string(programs) + (programs == 1 ? " program, " : " programs, ") +
         std::to_string(rules) + (rules == 1 ? " rule" : " rules") + "\n";
}

}  // namespace loyalty::ctl
