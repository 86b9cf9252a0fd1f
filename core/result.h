// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>
#include <type_traits>
#include <utility>

namespace Tessera {

/// Why a synchronous call failed: a category callers can branch on and a
/// message for people.
struct Error
{
    enum class Code { Invalid, NotFound, Conflict, Forbidden, Storage, Network, Internal };
    Code code = Code::Invalid;
    QString message;

    static Error invalid(QString message) { return { Code::Invalid, std::move(message) }; }
    static Error storage(QString message) { return { Code::Storage, std::move(message) }; }
};

/// A value or an Error, for synchronous calls (no exceptions cross the event loop).
template<typename T>
class Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    { }
    /// Anything convertible to T (a QStringBuilder for a QString, …).
    template<typename U>
    requires(
        std::is_convertible_v<U,
            T> && !std::is_same_v<std::decay_t<U>, T> && !std::is_same_v<std::decay_t<U>, Error>)
        Result(U &&value)
        : m_value(T(std::forward<U>(value)))
    { }
    Result(Error error)
        : m_error(std::move(error))
    { }

    bool isOk() const { return m_value.has_value(); }
    explicit operator bool() const { return isOk(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T &operator*() const & { return *m_value; }
    const T *operator->() const { return &*m_value; }
    const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

/// The Result of a call that returns nothing on success.
template<>
class Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_failed(true)
        , m_error(std::move(error))
    { }

    bool isOk() const { return !m_failed; }
    explicit operator bool() const { return isOk(); }
    const Error &error() const { return m_error; }

private:
    bool m_failed = false;
    Error m_error;
};

} // namespace Tessera
