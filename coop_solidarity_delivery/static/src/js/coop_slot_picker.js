import { rpc } from "@web/core/network/rpc";
import publicWidget from "@web/legacy/js/public/public_widget";

publicWidget.registry.CoopSlotPicker = publicWidget.Widget.extend({
    selector: "#coop_slot_picker",
    events: {
        "change input[name='coop_slot']": "_onChangeSlot",
    },

    /**
     * Book the chosen slot on the cart, then reload the page to show the payment form.
     */
    async _onChangeSlot(ev) {
        const errorBox = this.el.querySelector("[name='coop_slot_error']");
        errorBox.classList.add("d-none");
        const result = await rpc("/shop/coop_slot/set", { slot_id: ev.currentTarget.value });
        if (result.error) {
            errorBox.textContent = result.error;
            errorBox.classList.remove("d-none");
            ev.currentTarget.checked = false;
            return;
        }
        window.location.reload();
    },
});

export default publicWidget.registry.CoopSlotPicker;
