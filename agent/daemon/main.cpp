// loyalty-agent: the terminal daemon's composition root. It reads the config, opens the
// store, builds the checkout service and the local API, and runs until SIGTERM. The only
// place that creates the process-wide objects; everything else gets them passed in.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <iostream>
#include <memory>

#include "daemon/agent_runtime.h"

int main(int argc, char** argv) {
  CLI::App app{"loyalty-agent: the loyalty terminal daemon (local API for the POS)"};
  std::string configPath;
  bool checkOnly = false;
  app.add_option("--config", configPath, "agent config file (JSON, docs/agent-config.md)")->required();
  app.add_flag("--check", checkOnly, "validate the config and the database, then exit");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? 0 : 2;
  }
  try {
    return loyalty::daemon::runAgent(configPath, checkOnly);
  } catch (const std::exception& error) {
    // A broken precondition somewhere below: say so once, exit non-zero (systemd restarts).
    std::fprintf(stderr, "{\"level\":\"error\",\"event\":\"agent_crashed\",\"what\":\"%s\"}\n", error.what());
    return 1;
  }
}
