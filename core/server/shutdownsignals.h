// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QCoreApplication;

namespace Tessera::Server {

/// Makes SIGINT and SIGTERM quit the event loop, so a headless server shuts
/// down in order (stop listening, finish the current transaction, close the
/// store) instead of dying mid-write. No-op where POSIX signals do not exist.
void quitOnTerminationSignals(QCoreApplication *app);

} // namespace Tessera::Server
