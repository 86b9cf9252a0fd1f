// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLatin1StringView>
#include <QString>

#include <array>
#include <optional>
#include <utility>

namespace Tessera {

// Enumerations of the domain with their wire names. The wire names are part
// of the protocol and of saved views, so they never change once shipped.

enum class Priority { Low, Normal, High, Urgent };
enum class TicketKind { Ticket, Task };
enum class Channel { Email, WebForm, Portal, Phone, Agent, Chat, Import, Api };
enum class Visibility { Customer, Internal };
enum class StatusCategory { New, Open, Pending, OnHold, Solved, Closed };

template<typename E>
struct EnumNames;

#define TESSERA_ENUM_NAMES(Enum, ...)                                                          \
    template<>                                                                                 \
    struct EnumNames<Enum>                                                                     \
    {                                                                                          \
        static constexpr auto names = std::to_array<std::pair<Enum, QLatin1StringView>>(       \
                __VA_ARGS__);                                                                  \
    };

using namespace Qt::StringLiterals;

TESSERA_ENUM_NAMES(Priority,
                   { { Priority::Low, "low"_L1 },
                     { Priority::Normal, "normal"_L1 },
                     { Priority::High, "high"_L1 },
                     { Priority::Urgent, "urgent"_L1 } })
TESSERA_ENUM_NAMES(TicketKind, { { TicketKind::Ticket, "ticket"_L1 }, { TicketKind::Task, "task"_L1 } })
TESSERA_ENUM_NAMES(Channel,
                   { { Channel::Email, "email"_L1 },
                     { Channel::WebForm, "web_form"_L1 },
                     { Channel::Portal, "portal"_L1 },
                     { Channel::Phone, "phone"_L1 },
                     { Channel::Agent, "agent"_L1 },
                     { Channel::Chat, "chat"_L1 },
                     { Channel::Import, "import"_L1 },
                     { Channel::Api, "api"_L1 } })
TESSERA_ENUM_NAMES(Visibility,
                   { { Visibility::Customer, "customer"_L1 }, { Visibility::Internal, "internal"_L1 } })
TESSERA_ENUM_NAMES(StatusCategory,
                   { { StatusCategory::New, "new"_L1 },
                     { StatusCategory::Open, "open"_L1 },
                     { StatusCategory::Pending, "pending"_L1 },
                     { StatusCategory::OnHold, "on_hold"_L1 },
                     { StatusCategory::Solved, "solved"_L1 },
                     { StatusCategory::Closed, "closed"_L1 } })

#undef TESSERA_ENUM_NAMES

template<typename E>
QString toWireName(E value)
{
    for (const auto &[v, name] : EnumNames<E>::names) {
        if (v == value)
            return QString(name);
    }
    return {};
}

template<typename E>
std::optional<E> fromWireName(QStringView name)
{
    for (const auto &[v, wire] : EnumNames<E>::names) {
        if (name == wire)
            return v;
    }
    return std::nullopt;
}

} // namespace Tessera
