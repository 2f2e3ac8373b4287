import { rpc } from "@web/core/network/rpc";
import publicWidget from "@web/legacy/js/public/public_widget";

const PAY_BUTTONS = "[name='o_payment_submit_button'], [name='o_website_sale_free_cart']";

publicWidget.registry.CoopSlotPicker = publicWidget.Widget.extend({
    selector: "#coop_slot_picker",
    events: {
        "change input[name='coop_slot']": "_onChangeSlot",
    },

    /**
     * Ask for a slot only when the member tries to pay without one: the listener runs before
     * the payment form's (capture phase). The server refuses such a payment anyway.
     */
    start() {
        this._onPayClick = this._onPayClick.bind(this);
        document.addEventListener("click", this._onPayClick, true);
        this._loadDays();
        return this._super(...arguments);
    },

    /**
     * Fetch the slots of the cart's store (a read-only route: the page does not wait for the
     * seats to be counted). When they cannot be fetched, say so: the cart is kept, and the
     * server refuses a payment without a slot anyway.
     */
    async _loadDays() {
        const daysBox = this.el.querySelector("[name='coop_slot_days']");
        try {
            const response = await fetch(this.el.dataset.daysUrl, {
                credentials: "same-origin",
                headers: { Accept: "text/html" },
            });
            if (!response.ok) {
                throw new Error(`HTTP ${response.status}`);
            }
            daysBox.innerHTML = await response.text();
        } catch {
            daysBox.replaceChildren();
            this.el.querySelector("[name='coop_slot_unloaded']").classList.remove("d-none");
        } finally {
            daysBox.setAttribute("aria-busy", "false");
        }
    },

    destroy() {
        document.removeEventListener("click", this._onPayClick, true);
        this._super(...arguments);
    },

    _onPayClick(ev) {
        if (!ev.target.closest(PAY_BUTTONS) || this.el.querySelector("input[name='coop_slot']:checked")) {
            return;
        }
        const missingBox = this.el.querySelector("[name='coop_slot_missing']");
        if (!missingBox) {
            return;
        }
        ev.preventDefault();
        ev.stopImmediatePropagation();
        missingBox.classList.remove("d-none");
        this.el.scrollIntoView({ behavior: "smooth", block: "start" });
        const firstSlot = this.el.querySelector("input[name='coop_slot']:not(:disabled)");
        (firstSlot || missingBox).focus({ preventScroll: true });
    },

    /**
     * Book the chosen slot on the cart. The page is reloaded only when the payment form is not
     * shown yet (another error hid it); otherwise the member goes on paying.
     */
    async _onChangeSlot(ev) {
        const errorBox = this.el.querySelector("[name='coop_slot_error']");
        const missingBox = this.el.querySelector("[name='coop_slot_missing']");
        errorBox.classList.add("d-none");
        const result = await rpc("/shop/coop_slot/set", { slot_id: ev.currentTarget.value });
        if (result.error) {
            errorBox.textContent = result.error;
            errorBox.classList.remove("d-none");
            ev.currentTarget.checked = false;
            return;
        }
        missingBox?.classList.add("d-none");
        if (!document.querySelector("#o_payment_form, [name='o_website_sale_free_cart']")) {
            window.location.reload();
        }
    },
});

export default publicWidget.registry.CoopSlotPicker;
