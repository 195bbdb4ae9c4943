export {default} from './my_settings';
