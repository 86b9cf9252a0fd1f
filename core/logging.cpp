// SPDX-License-Identifier: GPL-3.0-or-later
#include "logging.h"

Q_LOGGING_CATEGORY(lcStore, "tessera.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcQuery, "tessera.query", QtInfoMsg)
Q_LOGGING_CATEGORY(lcProtocol, "tessera.protocol", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSync, "tessera.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNet, "tessera.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTime, "tessera.time", QtInfoMsg)
