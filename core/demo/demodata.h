// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/entities.h"
#include "domain/enums.h"
#include "domain/ids.h"
#include "result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

#include <functional>

namespace Tessera {

class Store;

struct DemoOptions
{
    quint64 seed = 1;
    int tickets = 600;
    int messagesPerTicket = 5; // on average
    QDateTime anchor; // "now" of the dataset; invalid: the current time
};

/// Entities of one kind, as canonical JSON, in the order they must be stored.
struct EntityBatch
{
    EntityKind kind;
    QList<QJsonObject> entities;
};

/// Deterministic demo data: the same seed, size and anchor always give the
/// same entities with the same ids. Organizations with customers, agents in
/// departments, three ticket types with their own statuses and custom fields,
/// and tickets with public and internal threads, time entries and activity,
/// written in English, Brazilian Portuguese and Italian.
class DemoGenerator
{
public:
    explicit DemoGenerator(DemoOptions options);
    ~DemoGenerator();

    /// Departments, people, organizations, projects, types, statuses, custom
    /// fields, SLA, canned responses, automations and shared views.
    QList<EntityBatch> referenceData() const;
    /// The agents among the reference data (the demo logins).
    QList<Person> agents() const;
    /// The agents or the customers among the reference data.
    QList<Person> people(PersonKind kind) const;
    /// Tickets [first, first + count) and everything that belongs to them.
    /// Each ticket depends only on the seed and its index.
    QList<EntityBatch> tickets(int first, int count) const;

    /// The agent the local workspace signs in as (an admin).
    PersonId workspaceOwner() const;
    const DemoOptions &options() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

/// Generates the demo workspace into `store`, `batchSize` tickets per
/// transaction, reporting progress as (tickets done, total).
Result<void> loadDemoData(Store &store, const DemoOptions &options,
    const std::function<void(int, int)> &progress = {}, int batchSize = 2000);

} // namespace Tessera
