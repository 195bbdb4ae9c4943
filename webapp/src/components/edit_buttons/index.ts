export {default} from './edit_buttons';
