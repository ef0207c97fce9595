#pragma once
// The one error rule (CONTRIBUTING.md): typed exceptions for failures, caught only at the
// CLI's main and the server's request edge; return values for expected outcomes.

#include <stdexcept>
#include <string>

namespace fincoach {

/// Base of every error fincoach throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The user's input (a file, a flag, a config key, a request) is wrong. CLI exit code 2.
class InvalidInput : public Error {
 public:
  using Error::Error;
};

/// Reading or writing a file, socket or database failed. CLI exit code 1.
class IoError : public Error {
 public:
  using Error::Error;
};

/// A model was used before it was fitted or loaded. CLI exit code 1.
class NotFitted : public Error {
 public:
  using Error::Error;
};

/// A broken invariant inside fincoach: a bug, never the user's fault. CLI exit code 1.
class Internal : public Error {
 public:
  using Error::Error;
};

}  // namespace fincoach

/// Programmer-error check (never for user input): throws Internal naming the condition.
#define FINCOACH_ASSERT(cond)                                                                \
  do {                                                                                       \
    if (!(cond))                                                                             \
      throw ::fincoach::Internal(std::string("internal check failed: " #cond " at ") +      \
                                 __FILE__ + ":" + std::to_string(__LINE__));                 \
  } while (0)
