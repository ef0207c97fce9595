#pragma once
// A stage that declares what a test asks and records whether it ran.

#include <string>
#include <vector>

#include "fincoach/pipeline/stage.hpp"

namespace fincoach::pipeline::testing {

class FakeStage : public Stage {
 public:
  FakeStage(std::string name, std::vector<std::string> inputs, std::vector<std::string> outputs, int* runs = nullptr)
      : name_(std::move(name)), inputs_(std::move(inputs)), outputs_(std::move(outputs)), runs_(runs) {}

  std::string name() const override { return name_; }
  std::string summary() const override { return "a test stage"; }
  std::vector<std::string> inputs() const override { return inputs_; }
  std::vector<std::string> outputs() const override { return outputs_; }
  void run(StageContext& context) override {
    if (runs_ != nullptr) ++*runs_;
    if (throw_in_run) throw IoError("disk full (simulated)");
    for (const std::string& input : inputs_) (void)context.input<int>(input);
    if (skip_outputs) return;
    for (const std::string& output : outputs_) context.output<int>(output, 1);
    context.bundle().add_file(name_ + ".txt", name_, "written by " + name_);
  }

  bool throw_in_run = false;
  bool skip_outputs = false;

 private:
  std::string name_;
  std::vector<std::string> inputs_;
  std::vector<std::string> outputs_;
  int* runs_;
};

}  // namespace fincoach::pipeline::testing
