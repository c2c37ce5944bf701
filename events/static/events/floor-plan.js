// The floor plan is an enhancement of the list of stands: choosing a shape (click, Enter or Space)
// selects the same stand's radio button in the list, which stays the form that is submitted.
document.querySelectorAll("[data-floor-plan]").forEach((plan) => {
  const choose = (shape) => {
    const radio = document.getElementById(`stand-${shape.dataset.stand}`);
    if (!radio) return;
    radio.checked = true;
    radio.focus();
    plan.querySelectorAll(".stand--chosen").forEach((s) => s.classList.remove("stand--chosen"));
    shape.classList.add("stand--chosen");
  };
  plan.querySelectorAll("[data-stand]").forEach((shape) => {
    shape.addEventListener("click", () => choose(shape));
    shape.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        choose(shape);
      }
    });
  });
});
